from django import forms
from wagtail.admin.widgets import AdminPageChooser

from cms.pages.models import ConditionIndexPage, ConditionPage

from .placeholders import CONDITION


def indexes_user_can_add_to(user):
    return [
        index
        for index in ConditionIndexPage.objects.order_by("path")
        if index.permissions_for_user(user).can_add_subpage()
    ]


class CloneConditionForm(forms.Form):
    """The condition name, one field per placeholder of the template, the parent and a slug."""

    def __init__(self, *args, template, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template
        indexes = indexes_user_can_add_to(user)
        self.fields["parent"] = forms.TypedChoiceField(
            label="Create it under",
            choices=[(index.pk, f"{index.title} ({index.url_path})") for index in indexes],
            coerce=int,
            initial=indexes[0].pk if indexes else None,
        )
        self.indexes = {index.pk: index for index in indexes}
        for spec in template.placeholder_specs():
            help_text = f"Replaces {{{{ {spec.key} }}}} in the template."
            if spec.default:
                help_text += f" Leave empty for “{spec.default}”."
            self.fields[f"value_{spec.key}"] = forms.CharField(
                label=spec.label,
                required=spec.key == CONDITION or spec.required,
                max_length=255,
                help_text=help_text,
            )
        self.fields["slug"] = forms.SlugField(
            required=False,
            max_length=255,
            help_text="Leave empty to make it from the condition name.",
        )

    def placeholder_values(self) -> dict[str, str]:
        return {
            name.removeprefix("value_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("value_") and value
        }

    def parent_page(self):
        return self.indexes[self.cleaned_data["parent"]]


class SaveAsTemplateForm(forms.Form):
    name = forms.CharField(max_length=120, help_text="e.g. 'Spine condition'.")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    replacements = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line: the words, then '=>', then the placeholder, e.g. "
        "'Failed Back Surgery Syndrome => condition' or 'FBSS => condition_short'.",
    )

    def clean_replacements(self):
        mapping = {}
        for number, line in enumerate(self.cleaned_data["replacements"].splitlines(), start=1):
            if not line.strip():
                continue
            words, sep, key = line.partition("=>")
            words, key = words.strip(), key.strip().strip("{} ")
            if not sep or not words or not key.isidentifier():
                raise forms.ValidationError(
                    f"Line {number}: write 'words => placeholder', e.g. 'FBSS => condition_short'."
                )
            mapping[words] = key
        if not mapping:
            raise forms.ValidationError("Give at least one 'words => placeholder' line.")
        return mapping


class CopySectionForm(forms.Form):
    section = forms.ChoiceField(label="Section to copy")
    target = forms.ModelChoiceField(
        queryset=ConditionPage.objects.all(),
        label="Copy it into",
        widget=AdminPageChooser(target_models=[ConditionPage], can_choose_root=False),
        help_text="The section is added at the end of that page's draft.",
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = sections
