"""Rules on answers: visibility rules, red flags (the same format plus a message) and date limits.

A rule is ``{"field": name, "operator": "equals" | "contains" | "at_least", "value": text}``;
``static/intake/intake-form.js`` mirrors :func:`rule_matches` in the browser.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone


def rule_matches(rule, value) -> bool:
    """Whether an answer satisfies a visibility rule. Missing (hidden) answers never do."""
    if value in (None, "", []):
        return False
    expected, operator = rule["value"].strip(), rule["operator"]
    if isinstance(value, bool):
        value = "yes" if value else "no"
        expected = {"true": "yes", "false": "no"}.get(expected.lower(), expected.lower())
    if isinstance(value, datetime.date):
        value = value.isoformat()
    if operator == "contains":
        if isinstance(value, list):
            return expected in value
        return expected.lower() in str(value).lower()
    if operator == "at_least":
        if isinstance(value, str) and len(expected) == 10 and expected[4] == "-":
            return value >= expected  # ISO dates order as strings
        try:
            return Decimal(str(value)) >= Decimal(expected)
        except (InvalidOperation, ValueError):
            return False
    if isinstance(value, list):
        return value == [expected]
    try:
        return Decimal(str(value)) == Decimal(expected)
    except (InvalidOperation, ValueError):
        return str(value).lower() == expected.lower()


def red_flag_messages(rules, answers: dict) -> list[str]:
    """The distinct messages of ``rules`` that JSON ``answers`` match, in rule order."""
    messages = []
    for rule in rules:
        if rule["field"] in answers and rule_matches(rule, answers[rule["field"]]):
            if rule["message"] not in messages:
                messages.append(rule["message"])
    return messages


def _not_in_the_future(value):
    if value > timezone.localdate():
        raise ValidationError("Enter a date that is today or earlier.", code="date_in_future")


def _not_in_the_past(value):
    if value < timezone.localdate():
        raise ValidationError("Enter a date that is today or later.", code="date_in_past")


#: ``IntakeFormField.date_limit`` values and the validator each adds.
DATE_LIMIT_CHECKS = {"not_future": _not_in_the_future, "not_past": _not_in_the_past}
