from django import forms
from django.utils.translation import gettext_lazy as _

from reglab.query import IdField, QueryForm
from reglab.text import NFCForm, NFCModelForm

from .models import MAX_TEXT, Assignment, taxonomy
from .selectors import SORT_KEYS


class RoleCheckboxes(forms.CheckboxSelectMultiple):
    """Each role's box is described by the role's definition, which the template shows
    under the name (a name alone, such as "Regionalisera", says too little)."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        if option["attrs"].get("id"):
            option["attrs"]["aria-describedby"] = option["attrs"]["id"] + "-definition"
        return option


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class StatementForm(NFCForm):
    statement = forms.CharField(
        label=_("Role statement"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 14, "data-autosave-field": "statement"}),
        help_text=_("The role your region takes, or wants to take, in the integration work."),
    )
    self_roles = RoleChoiceField(
        label=_("Roles you see for your region (optional)"),
        queryset=taxonomy().objects.none(),  # the active roles: see __init__
        required=False,
        widget=RoleCheckboxes,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["self_roles"].queryset = taxonomy().objects.active()


class ReturnForm(NFCForm):
    comment = forms.CharField(
        label=_("Comment to the region"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what the region should complete or change."),
    )


class AssignmentForm(NFCModelForm):
    class Meta:
        model = Assignment
        fields = [
            "title_sv",
            "title_en",
            "instructions_sv",
            "instructions_en",
            "deadline",
            "min_interviews",
        ]
        widgets = {
            "deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "instructions_sv": forms.Textarea(attrs={"rows": 6}),
            "instructions_en": forms.Textarea(attrs={"rows": 6}),
        }

    def clean_min_interviews(self):
        value = self.cleaned_data["min_interviews"]
        if not 1 <= value <= 20:
            raise forms.ValidationError(_("Choose between 1 and 20 interviews."))
        return value


SORTS = [key for name in SORT_KEYS for key in (name, f"-{name}")]


class ReceivedQuery(QueryForm):
    """Inkomna beskrivningar's choices: a malformed one falls back to the default."""

    assignment = IdField()
    sort = forms.ChoiceField(required=False, choices=[(s, s) for s in SORTS], initial="region")
