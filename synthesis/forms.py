from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from reglab.query import IdField, PageField, QueryForm, SlugFilterField
from reglab.text import NFCForm, NFCModelForm

from .models import Role


class RoleForm(NFCModelForm):
    cues_text = forms.CharField(
        label=_("Cue words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One cue per line: a word's base form (samordna), a phrase (öppna dörrar) or an "
            "English word. Inflections and compounds are found automatically. Words joined "
            "by … (nationella … anpassa) are found anywhere in the same sentence."
        ),
    )

    class Meta:
        model = Role
        fields = ["slug", "name_sv", "name_en", "definition_sv", "definition_en"]
        widgets = {
            "definition_sv": forms.Textarea(attrs={"rows": 2}),
            "definition_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Short name in exports; made from the Swedish name.")
        if self.instance.pk:
            self.fields["slug"].disabled = True
            self.initial["cues_text"] = "\n".join(self.instance.cues)

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.data.get("name_sv", ""))
        if self.instance.pk:
            return self.instance.slug
        if not slug:
            raise forms.ValidationError(_("Give the role a name."))
        if Role.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("A role with this short name exists already."))
        return slug

    def clean_cues_text(self):
        lines = [" ".join(line.split()) for line in self.cleaned_data["cues_text"].splitlines()]
        cues = list(dict.fromkeys(line for line in lines if line))
        too_long = [cue for cue in cues if len(cue) > 100]
        if too_long:
            raise forms.ValidationError(_("A cue can be at most 100 characters long."))
        return cues

    def save(self, commit=True):
        self.instance.cues = self.cleaned_data["cues_text"]
        return super().save(commit)


class MergeForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Merge this role"),
        queryset=Role.objects.active(),
        to_field_name="slug",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    target = forms.ModelChoiceField(
        label=_("into this role"),
        queryset=Role.objects.active(),
        to_field_name="slug",
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") and cleaned.get("source") == cleaned.get("target"):
            raise forms.ValidationError(_("Choose two different roles."))
        return cleaned


class AddTagForm(NFCForm):
    role = forms.ModelChoiceField(queryset=Role.objects.active(), to_field_name="slug")
    field = forms.ChoiceField(
        choices=[("statement", "statement"), ("answers", "answers"), ("quote", "quote")]
    )
    interview = forms.IntegerField(required=False)
    quote = forms.IntegerField(required=False)
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)


class FilterQuery(QueryForm):
    """The review queue's and the quote wall's filters: a malformed one shows all."""

    role = SlugFilterField()
    region = SlugFilterField()
    page = PageField()


# The round to compare with (?with=<id>); without one, the round before. "with" is a
# Python keyword, so the field is given by name.
CompareQuery = type("CompareQuery", (QueryForm,), {"with": IdField()})


class HistoryQuery(QueryForm):
    # One homework's history; without it, every change.
    submission = IdField()


class CueForm(NFCForm):
    """Accept a suggestion of the taxonomy page: add a cue to a role, or drop one."""

    action = forms.ChoiceField(choices=[("add", "add"), ("drop", "drop")])
    cue = forms.CharField(max_length=100)

    def clean_cue(self):
        cue = " ".join(self.cleaned_data["cue"].split())
        if not cue:
            raise forms.ValidationError(_("Give the cue."))
        return cue
