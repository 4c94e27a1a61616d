"""Server-side rendering of one step of an intake form (the section and the form view share it).

Steps work without JavaScript: each step posts to the form view, which validates the steps seen
so far and renders the next visible one, carrying earlier answers as hidden inputs. A field whose
rule depends on an answer in the *same* step cannot be shown or hidden without a round trip, so
it is rendered with a hint ("Answer only if ..."); the server discards its answer when the rule
fails. Its rule is also rendered as ``data-visible-if-*`` attributes, which the optional script
``static/intake/intake-form.js`` uses to show and hide the field as the patient answers.
"""

from django.conf import settings
from django.urls import reverse

from .protection import issue_form_token


def next_visible_step(form, after):
    for index in range(after + 1, len(form.steps)):
        if form.step_visible(index):
            return index
    return None


def previous_visible_step(form, before):
    for index in range(before - 1, -1, -1):
        if form.step_visible(index):
            return index
    return 0


def browser_rule(form, rule):
    """A same-step rule for ``intake/intake-form.js`` (rendered as ``data-visible-if-*``).

    The script reads yes/no answers as the radio values "yes"/"no" (and a single checkbox as
    "yes"/"no"), so the expected value is given in that form, as ``rule_matches`` compares it.
    """
    value = rule["value"].strip()
    controller = form.fields[rule["field"]].intake_row
    if controller.field_type in ("yesno", "consent"):
        value = {"true": "yes", "false": "no"}.get(value.lower(), value.lower())
    return {"field": rule["field"], "operator": rule["operator"], "value": value}


def describe_field(bound_field, hint):
    """Ties a field's hint, help text and errors to its input(s) (``aria-describedby``,
    ``aria-invalid``) and names the element an error summary link should focus."""
    auto_id = bound_field.auto_id
    ids = {"hint": f"{auto_id}-hint", "help": f"{auto_id}-help", "error": f"{auto_id}-error"}
    described = []
    if hint:
        described.append(ids["hint"])
    if bound_field.help_text and bound_field.field.intake_row.field_type != "consent":
        described.append(ids["help"])
    if bound_field.field.intake_row.field_type == "painscale":
        described.append(f"{auto_id}-ends")
    if bound_field.errors:
        described.append(ids["error"])
    attrs = bound_field.field.widget.attrs
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    widget = bound_field.field.widget
    grouped = getattr(widget, "input_type", "") in ("radio", "checkbox") and getattr(
        widget, "choices", None
    )
    ids["target"] = f"{auto_id}_0" if grouped else auto_id
    return ids


def step_context(intake_form, form, step_index, page=None, token=None):
    """Context for ``intake/includes/form_step.html``."""
    step = form.steps[step_index]
    earlier = {name for s in form.steps[:step_index] for name in s["names"]}
    same_step = set(step["names"])
    fields = []
    for name in step["names"]:
        rule = form.fields[name].intake_row.visibility_rule
        hint = ""
        if rule and rule["field"] in earlier and not form.rule_holds(rule):
            continue
        live_rule = None
        if rule and rule["field"] in same_step:
            label = form.fields[rule["field"]].label if rule["field"] in form.fields else ""
            operator = rule["operator"].replace("_", " ")
            hint = f"Answer only if “{label}” {operator} “{rule['value']}”."
            live_rule = browser_rule(form, rule)
        ids = describe_field(form[name], hint)
        fields.append({"field": form[name], "hint": hint, "rule": live_rule, "ids": ids})
    carried = [
        form[name]
        for s_index, s in enumerate(form.steps)
        if s_index != step_index
        for name in s["names"]
        if form.is_bound and form.data.get(name) not in (None, "", [])
    ]
    is_last = next_visible_step(form, step_index) is None if form.is_bound else len(form.steps) == 1
    action = reverse("intake:form", args=[intake_form.slug])
    if page is not None:
        action += f"?page={page.pk}"
    live_red_flags = [
        {**browser_rule(form, rule), "message": rule["message"]}
        for rule in form.red_flags
        if rule["field"] in same_step and rule["field"] in form.fields
    ]
    urgent_messages = []
    if form.is_bound:
        for rule in form.raised_red_flags(names=earlier):
            if rule["message"] not in urgent_messages:
                urgent_messages.append(rule["message"])
    errors = [
        {"target": item["ids"]["target"], "label": item["field"].label, "message": message}
        for item in fields
        for message in item["field"].errors
    ]
    return {
        "intake_form": intake_form,
        "error_summary": errors,
        "urgent_messages": urgent_messages,
        "live_red_flags": live_red_flags,
        # Step 1 is named after the form unless an editor named it: don't repeat the page title.
        "step_heading": "" if step["title"] == intake_form.title else step["title"],
        "form": form,
        "step": step,
        "step_index": step_index,
        "step_number": step_index + 1,
        "step_count": len(form.steps),
        "fields": fields,
        "carried": carried,
        "is_first": step_index == 0,
        "is_last": is_last,
        "action": action,
        "form_token": token or issue_form_token(intake_form.slug),
        "honeypot_field": settings.INTAKE_HONEYPOT_FIELD,
    }
