"""The template library: condition pages in waiting, outside the page tree.

A ``ConditionTemplate`` is a plain model edited as a snippet, not a page: it has no URL, no
site, no live state, and neither the public site nor the public APIs know about it. Its text
fields and body hold placeholders (``{{ condition }}``, ``{{ body_area }}``, ...) that
:func:`cms.cloning.actions.clone_condition` fills in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.validators import RegexValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cms.blocks.fields import SectionsField

from .placeholders import CONDITION, TEXT_FIELDS, fill_text, placeholder_keys

CONDITION_PAGE = "pages.ConditionPage"


@dataclass(frozen=True)
class PlaceholderSpec:
    key: str
    label: str
    default: str = ""
    required: bool = True


class ConditionTemplate(ClusterableModel):
    name = models.CharField(max_length=120, unique=True, help_text="e.g. 'Spine condition'.")
    description = models.TextField(blank=True, help_text="What the template is for.")
    title = models.CharField(max_length=255, default="{{ condition }}")
    condition_name = models.CharField(max_length=255, default="{{ condition }}")
    also_known_as = models.TextField(blank=True, help_text="Other names, one per line.")
    short_summary = models.TextField(max_length=800)
    body_area = models.CharField(max_length=255, blank=True, default="{{ body_area }}")
    search_description = models.TextField(blank=True)
    body = SectionsField(sections_of=CONDITION_PAGE, blank=True)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The condition page this template was saved from, if any.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        InlinePanel("placeholders", heading="Placeholders", label="Placeholder"),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("condition_name"),
                FieldPanel("also_known_as"),
                FieldPanel("short_summary"),
                FieldPanel("body_area"),
                FieldPanel("search_description"),
            ],
            heading="Condition page text",
            help_text="Write {{ condition }} (or any declared placeholder) where the new "
            "condition's own words go.",
        ),
        FieldPanel("body"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "condition template"

    def __str__(self):
        return self.name

    def used_placeholder_keys(self) -> list[str]:
        """Every placeholder key the template's text and body use, in order of appearance."""
        from .placeholders import map_stream

        keys: list[str] = []
        for name in TEXT_FIELDS:
            keys += placeholder_keys(getattr(self, name))

        def record(text, html, where):
            keys.extend(placeholder_keys(text))
            return text

        map_stream(self._meta.get_field("body").stream_block, self.body.raw_data, record)
        return list(dict.fromkeys(keys))

    def placeholder_specs(self) -> list[PlaceholderSpec]:
        """What a clone asks for: the condition name, declared placeholders, then any key the
        text uses without declaring it (required, labelled by its key)."""
        specs = {CONDITION: PlaceholderSpec(CONDITION, "Condition name")}
        for declared in self.placeholders.all():
            if declared.key != CONDITION:
                specs[declared.key] = PlaceholderSpec(
                    declared.key, declared.label, declared.default, required=not declared.default
                )
        for key in self.used_placeholder_keys():
            specs.setdefault(key, PlaceholderSpec(key, key.replace("_", " ").capitalize()))
        return list(specs.values())

    def resolve_values(self, given: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
        """Values for every placeholder from ``given`` and the declared defaults.

        Defaults may use ``{{ condition }}`` and earlier placeholders. Returns ``(values,
        errors)``; ``errors`` maps a key to a message (unknown, missing, or bad value).
        """
        specs = self.placeholder_specs()
        known = {spec.key for spec in specs}
        errors = {
            key: f"The template has no placeholder {{{{ {key} }}}}; it has: "
            + ", ".join(sorted(known))
            + "."
            for key in given
            if key not in known
        }
        values: dict[str, str] = {}
        for spec in specs:
            value = (given.get(spec.key) or "").strip()
            if "{{" in value or "}}" in value:
                errors[spec.key] = "Values cannot contain '{{' or '}}'."
                continue
            if not value and spec.default:
                value = fill_text(spec.default, values).strip()
            if not value:
                errors.setdefault(spec.key, f"Give a value for “{spec.label}”.")
                continue
            values[spec.key] = value
        return values, errors


class TemplatePlaceholder(Orderable):
    """A placeholder a template declares: the form field a clone asks for, with a default."""

    template = ParentalKey(ConditionTemplate, on_delete=models.CASCADE, related_name="placeholders")
    key = models.CharField(
        max_length=40,
        validators=[
            RegexValidator(
                r"^[A-Za-z_][A-Za-z0-9_]*$",
                "Letters, digits and underscores only, e.g. 'condition_short'.",
            )
        ],
        help_text="Written as {{ key }} in the text, e.g. 'condition_short'.",
    )
    label = models.CharField(max_length=80, help_text="Shown when creating a page.")
    default = models.CharField(
        max_length=255,
        blank=True,
        help_text="Used when no value is given; may use {{ condition }}. Empty means required.",
    )

    panels = [FieldPanel("key"), FieldPanel("label"), FieldPanel("default")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="unique_placeholder_key")
        ]

    def __str__(self):
        return self.key
