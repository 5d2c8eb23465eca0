"""The forms of the Word import: the upload, the preview's questions about each
interview, and a round's zip with its preview. Consent is never chosen for the user:
every consent field starts empty and must be answered before anything is saved."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from reglab.models import Region
from reglab.query import QueryForm, SlugFilterField
from reglab.text import NFCForm
from submissions.models import MAX_TEXT, Assignment, Submission

from .docx_import import MAX_BYTES, DocxError, import_homework
from .import_services import MAX_ZIP_BYTES, NewRound, RoundFile
from .models import MAX_INTERVIEWS, Interview

DOCX_ACCEPT = ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SKIP = "skip"


def _label(name: str) -> str:
    return capfirst(Interview._meta.get_field(name).verbose_name)


def _choose(text, choices) -> list:
    """A select's choices with an empty first option: nothing is chosen for the user."""
    return [("", text), *choices]


class UploadForm(NFCForm):
    """A coordinator's upload: the region and the round are their own homework's."""

    file = forms.FileField(
        label=_("Word file (.docx)"),
        widget=forms.ClearableFileInput(attrs={"accept": DOCX_ACCEPT}),
    )

    def __init__(self, *args, language: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.imported = None
        self.fields["file"].help_text = _(
            "Written in the portal's Word template or in your own layout; at most "
            "%(size)s. The file itself is not kept: only the text you save from the preview."
        ) % {"size": filesizeformat(MAX_BYTES)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.imported = import_homework(upload.name, upload.read(), self.language)
        except DocxError as error:
            raise ValidationError(error.message) from None
        return upload


class RegionField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _round_label(assignment: Assignment) -> str:
    deadline = timezone.localtime(assignment.deadline)
    return f"{assignment.title} ({date_format(deadline, 'DATE_FORMAT')})"


class RoundField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _round_label(obj)


class FacilitatorUploadForm(UploadForm):
    """A facilitator imports for any region, into any round."""

    region = RegionField(
        label=_("Region"), queryset=Region.objects.all(), empty_label=_("Choose a region")
    )
    assignment = RoundField(
        label=_("Round"), queryset=Assignment.objects.all(), empty_label=_("Choose a round")
    )
    field_order = ["region", "assignment", "file"]


class UploadQuery(QueryForm):
    """A facilitator comes from a region's homework page with the region chosen."""

    region = SlugFilterField()


class InterviewPreviewForm(NFCForm):
    """What the preview asks of one interview. An empty field is asked for when saving,
    not while the user is still moving paragraphs (see `values`)."""

    organisation = forms.CharField(label=_label("organisation"), max_length=200)
    actor_type = forms.ChoiceField(
        label=_label("actor_type"),
        choices=_choose(_("Choose the actor type"), Interview.ActorType.choices),
    )
    interview_date = forms.DateField(
        label=_label("interview_date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    interviewee_function = forms.CharField(
        label=_label("interviewee_function"),
        max_length=200,
        required=False,
        help_text=Interview._meta.get_field("interviewee_function").help_text,
    )
    consent = forms.ChoiceField(
        label=_label("consent"),
        choices=_choose(_("Choose the consent"), Interview.Consent.choices),
        help_text=_("Asked of the interviewee; never read from the file."),
    )

    def __init__(self, *args, interview=None, **kwargs):
        if interview is not None:
            kwargs["initial"] = {
                "organisation": interview.organisation or "",
                "actor_type": interview.actor_type or "",
                "interview_date": interview.interview_date,
                "interviewee_function": interview.interviewee_function or "",
                "consent": interview.consent or "",
            }
        super().__init__(*args, **kwargs)
        if interview is not None:
            _show_file_words(
                self,
                "" if interview.actor_type else interview.actor_type_text,
                "" if interview.interview_date else interview.date_text,
            )

    def values(self) -> dict:
        """The fields as posted: an empty one as None; one typed wrong is left out and
        keeps its error. Errors for empty fields are dropped: saving asks for them."""
        self.is_valid()
        values = {}
        for name in self.fields:
            if name in self.cleaned_data:
                values[name] = self.cleaned_data[name] or None
            elif all(error.code == "required" for error in self.errors.as_data()[name]):
                values[name] = None
                del self.errors[name]
        return values


def _show_file_words(form, actor_type_text: str, date_text: str) -> None:
    """The file's own words for an actor type or a date that could not be read."""
    if actor_type_text:
        form.fields["actor_type"].help_text = _("The file says: “%(text)s”.") % {
            "text": actor_type_text
        }
    if date_text:
        form.fields["interview_date"].help_text = _("The file says: “%(text)s”.") % {
            "text": date_text
        }


# --- A round's zip ------------------------------------------------------------------------


class RoundZipForm(forms.Form):
    file = forms.FileField(
        label=_("Zip file of the round's Word documents"),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "One Word file (.docx) per region, at most %(size)s in all. The region is "
            "found from the file's name or its text; you confirm it in the next step."
        ) % {"size": filesizeformat(MAX_ZIP_BYTES)}


NEW_ROUND = "new"


class RoundForm(NFCForm):
    """The round the files are handed in to, and one consent for them all if the
    facilitator chooses one."""

    round = forms.ChoiceField(
        label=_("Round to import into"),
        error_messages={"required": _("Choose the round to import into.")},
    )
    title = forms.CharField(label=_("Title of the new round"), max_length=200, required=False)
    day = forms.DateField(
        label=_("Deadline of the new round"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    min_interviews = forms.IntegerField(
        label=_("Minimum number of interviews in the new round"),
        min_value=0,
        max_value=MAX_INTERVIEWS,
        initial=3,
        required=False,
    )
    consent_all = forms.ChoiceField(
        label=_("Consent to quoting, for every interview"),
        required=False,
        choices=_choose(_("Choose for each interview below"), Interview.Consent.choices),
        help_text=_(
            "Applies to every interview below whose own choice is left empty. Nothing "
            "is chosen unless you choose it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rounds = {str(a.pk): a for a in Assignment.objects.all()}
        self.fields["round"].choices = _choose(
            _("Choose a round"),
            [(pk, _round_label(a)) for pk, a in self.rounds.items()]
            + [(NEW_ROUND, _("A new earlier round (below)"))],
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("round") != NEW_ROUND:
            return cleaned
        for name, message in [
            ("title", _("Write the new round's title.")),
            ("day", _("Enter the new round's deadline.")),
            ("min_interviews", _("Enter the new round's minimum number of interviews.")),
        ]:
            if cleaned.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, message)
        return cleaned

    @property
    def assignment(self) -> Assignment | None:
        return self.rounds.get(self.cleaned_data.get("round", ""))

    @property
    def new_round(self) -> NewRound | None:
        data = self.cleaned_data
        if data.get("round") != NEW_ROUND or self.errors:
            return None
        return NewRound(data["title"], data["day"], data["min_interviews"])


class RoundFileForm(NFCForm):
    region = forms.ChoiceField(
        label=_("Region"),
        error_messages={"required": _("Choose the file's region, or leave the file out.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = list(Region.objects.values_list("slug", "name"))
        self.fields["region"].choices = _choose(
            _("Choose a region"), [(SKIP, _("Leave this file out")), *regions]
        )


SMALL_INPUT = {"class": "form-control form-control-sm"}
SMALL_SELECT = {"class": "form-select form-select-sm"}


class RoundInterviewForm(NFCForm):
    """One interview of a round's file, in a table row: small controls."""

    organisation = forms.CharField(
        label=_label("organisation"), max_length=200, widget=forms.TextInput(attrs=SMALL_INPUT)
    )
    actor_type = forms.ChoiceField(
        label=_label("actor_type"),
        choices=_choose(_("Choose the actor type"), Interview.ActorType.choices),
        widget=forms.Select(attrs=SMALL_SELECT),
    )
    interview_date = forms.DateField(
        label=_label("interview_date"),
        widget=forms.DateInput(attrs={"type": "date"} | SMALL_INPUT, format="%Y-%m-%d"),
    )
    consent = forms.ChoiceField(
        label=_label("consent"),
        required=False,
        choices=_choose(_("As chosen above for every interview"), Interview.Consent.choices),
        widget=forms.Select(attrs=SMALL_SELECT),
    )


class RoundEntry:
    """One file of the preview with its forms (none for a file that cannot be read)."""

    def __init__(self, number: int, round_file: RoundFile, data=None):
        self.file = round_file
        self.form = None
        self.interviews = []
        if round_file.problem:
            return
        prefix = f"file-{number}"
        self.form = RoundFileForm(data, prefix=prefix, initial={"region": round_file.region})
        for n, interview in enumerate(round_file.interviews):
            form = RoundInterviewForm(data, prefix=f"{prefix}-{n}", initial=interview)
            _show_file_words(
                form,
                "" if interview["actor_type"] else interview["actor_type_text"],
                "" if interview["interview_date"] else interview["date_text"],
            )
            self.interviews.append(form)

    @property
    def pairs(self) -> list[tuple[RoundInterviewForm, dict]]:
        """Each interview's form with what the file holds."""
        return list(zip(self.interviews, self.file.interviews, strict=True))

    @property
    def skipped(self) -> bool:
        return self.form is None or self.form.cleaned_data.get("region") == SKIP


class RoundPreview:
    """The preview of a round's files as one form: the round, a region per file, and
    what each interview needs. Valid when every file to import can be handed in."""

    def __init__(self, files: list[RoundFile], data=None):
        self.round_form = RoundForm(data, prefix="round")
        self.entries = [RoundEntry(n, f, data) for n, f in enumerate(files)]

    def is_valid(self) -> bool:
        """Every check at once, so that the page shows all that is left to do."""
        forms = [self.round_form] + [
            form for e in self.entries if e.form for form in [e.form, *e.interviews]
        ]
        for form in forms:
            form.is_valid()
        self._check_regions()
        for entry in self.entries:
            if not entry.skipped:
                self._check_entry(entry)
        if all(entry.skipped for entry in self.entries):
            self.round_form.add_error(None, _("Choose the region of at least one file."))
        return not any(form.errors for form in forms)

    def _check_regions(self) -> None:
        seen = {}
        assignment = self.round_form.assignment
        for entry in self.entries:
            if entry.skipped:
                continue
            slug = entry.form.cleaned_data.get("region")
            if slug is None:
                continue
            name = dict(entry.form.fields["region"].choices)[slug]
            if slug in seen:
                for form in (seen[slug].form, entry.form):
                    form.add_error(
                        "region",
                        _("Two files are for %(region)s; leave one of them out.")
                        % {"region": name},
                    )
            seen[slug] = entry
        if assignment is not None:
            taken = set(
                Submission.objects.filter(
                    assignment=assignment, region__slug__in=list(seen)
                ).values_list("region__slug", flat=True)
            )
            for slug in taken:
                seen[slug].form.add_error(
                    "region",
                    _(
                        "This region already has homework in the round, which is not "
                        "overwritten; leave this file out, or choose another round."
                    ),
                )

    def _check_entry(self, entry: RoundEntry) -> None:
        consent_all = self.round_form.cleaned_data.get("consent_all")
        for n, (form, interview) in enumerate(
            zip(entry.interviews, entry.file.interviews, strict=True), 1
        ):
            if not (form.cleaned_data.get("consent") or consent_all):
                form.add_error(
                    "consent",
                    _("Choose the consent to quoting, here or for every interview above."),
                )
            if not interview["answers"].strip():
                entry.form.add_error(
                    None,
                    _(
                        "Interview %(number)d has no answers: complete it in the file, or "
                        "leave the file out."
                    )
                    % {"number": n},
                )
            elif len(interview["answers"]) > MAX_TEXT:
                entry.form.add_error(
                    None,
                    _("The answers of interview %(number)d are too long to save.") % {"number": n},
                )
        if len(entry.file.statement) > MAX_TEXT:
            entry.form.add_error(None, _("The role statement is too long to save."))
        new_round = self.round_form.new_round
        minimum = self.round_form.assignment or (new_round and _unsaved_round(new_round))
        if minimum is None:
            return  # the round is not chosen yet: the round's field says so
        for problem in Submission(assignment=minimum, statement=entry.file.statement).missing(
            len(entry.interviews)
        ):
            entry.form.add_error(None, problem)

    def rows(self) -> list[tuple[Region, RoundFile]]:
        """The files to hand in, with what the preview answered."""
        regions = {region.slug: region for region in Region.objects.all()}
        consent_all = self.round_form.cleaned_data.get("consent_all")
        rows = []
        for entry in self.entries:
            if entry.skipped:
                continue
            interviews = [
                interview
                | {
                    "organisation": form.cleaned_data["organisation"],
                    "actor_type": form.cleaned_data["actor_type"],
                    "interview_date": form.cleaned_data["interview_date"].isoformat(),
                    "consent": form.cleaned_data["consent"] or consent_all,
                }
                for form, interview in zip(entry.interviews, entry.file.interviews, strict=True)
            ]
            round_file = RoundFile(**{**entry.file.to_dict(), "interviews": interviews})
            rows.append((regions[entry.form.cleaned_data["region"]], round_file))
        return rows


def _unsaved_round(new_round: NewRound) -> Assignment:
    """The new round as far as a homework's completeness needs it."""
    return Assignment(min_interviews=new_round.min_interviews)
