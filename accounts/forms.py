from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reglab.models import Region
from reglab.text import NFCForm

from . import csv_import
from .invitations import MAX_EMAIL, MAX_NAME, InvitationError, check_email, normalise_email

# Each language in its own name: the person choosing may not read the other.
MAIL_LANGUAGES = [("sv", "Svenska"), ("en", "English")]


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class InviteForm(NFCForm):
    region = RegionChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        empty_label=_("Choose a region"),
        error_messages={"invalid_choice": _("Choose one of the regions in the list.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=MAX_EMAIL,
        help_text=_("They log in with this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=MAX_NAME,
        help_text=_("First name and last name, as the mail greets them."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the mail"),
        choices=MAIL_LANGUAGES,
        initial="sv",
        widget=forms.RadioSelect,
        help_text=_("They can change it later in their settings."),
    )

    def clean_email(self) -> str:
        email = normalise_email(self.cleaned_data["email"])
        try:
            check_email(email)
        except InvitationError as error:
            raise ValidationError(error.message) from None
        return email

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())


class ImportForm(NFCForm):
    """Step 1 of the import: a file, or rows pasted from a spreadsheet."""

    file = forms.FileField(
        label=_("CSV file"),
        required=False,
        error_messages={"empty": _("The file is empty.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.tsv,text/csv,text/plain"}),
    )
    rows = forms.CharField(
        label=_("Or paste the rows"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_(
            "One person a line: region; e-mail; name; language (sv or en, optional). "
            "Rows copied from a spreadsheet work as they are."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Saved from Excel or another spreadsheet as CSV; at most %(size)s."
        ) % {"size": filesizeformat(csv_import.MAX_BYTES)}

    def clean(self):
        cleaned = super().clean()
        upload, pasted = cleaned.get("file"), cleaned.get("rows") or ""
        if self.errors:
            return cleaned
        if upload and pasted.strip():
            self.add_error("rows", _("Upload a file or paste rows, not both."))
            return cleaned
        if not upload and not pasted.strip():
            self.add_error("file", _("Choose a file, or paste the rows in the box below."))
            return cleaned
        try:
            if upload:
                text = csv_import.read_upload(upload)
            elif len(pasted.encode()) > csv_import.MAX_BYTES:
                raise csv_import.FileProblem(
                    _("The pasted rows are more than %(max)s; upload them as a file in parts.")
                    % {"max": filesizeformat(csv_import.MAX_BYTES)}
                )
            else:
                text = pasted
            cleaned["parsed"] = csv_import.parse(text)
        except csv_import.FileProblem as problem:
            self.add_error("file" if upload else "rows", str(problem))
        return cleaned


class ConfirmImportForm(NFCForm):
    """Step 2: the checked rows come back signed; rows with errors must be acknowledged."""

    payload = forms.CharField(widget=forms.HiddenInput)
    seen_errors = forms.BooleanField(required=False)

    def __init__(self, *args, bad: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_errors"].label = ngettext(
            "I have seen that %(count)s row has errors; it will not be invited.",
            "I have seen that %(count)s rows have errors; they will not be invited.",
            bad,
        ) % {"count": bad}
