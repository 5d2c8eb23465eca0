from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from submissions.models import MAX_TEXT

# Counts as well as lengths are bounded: every quote is stored, tagged and re-tagged on each
# autosave, so 25,000 one-letter lines within MAX_TEXT tied up a server process for seconds.
MAX_QUOTES = 100  # per interview
MAX_QUOTE_LENGTH = 2_000  # characters per quote
MAX_INTERVIEWS = 30  # per homework


class Interview(models.Model):
    """A region's interview with another actor about how they see the region's role."""

    class ActorType(models.TextChoices):
        ARBETSFORMEDLINGEN = "arbetsformedlingen", _("Arbetsförmedlingen")
        KOMMUN = "kommun", _("Municipality")
        LANSSTYRELSE = "lansstyrelse", _("County administrative board")
        UNIVERSITET = "universitet", _("University or university college")
        BIBLIOTEK = "bibliotek", _("Library")
        CIVILSAMHALLE = "civilsamhalle", _("Civil-society organisation")
        NARINGSLIV = "naringsliv", _("Business")
        ANNAN = "annan", _("Other")

    class Consent(models.TextChoices):
        NAMED = "named", _("May be quoted with name")
        ANONYMOUS = "anonymous", _("May be quoted anonymously")
        NO_QUOTE = "no_quote", _("Must not be quoted")

    submission = models.ForeignKey(
        "submissions.Submission", on_delete=models.CASCADE, related_name="interviews"
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    actor_type = models.CharField(_("actor type"), max_length=30, choices=ActorType.choices)
    interview_date = models.DateField(_("interview date"))
    interviewee_function = models.CharField(
        _("interviewee's function"),
        max_length=200,
        blank=True,
        help_text=_("Personal data: shown only to your region and to facilitators."),
    )
    consent = models.CharField(
        _("consent to quoting"), max_length=20, choices=Consent.choices, default=Consent.ANONYMOUS
    )
    answers = models.TextField(_("answers"), max_length=MAX_TEXT)
    revision = models.PositiveIntegerField(default=0)
    # Made when the new-interview form is shown: a second submit of that form is not a
    # second interview.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    personal_data_erased_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # Who changed what and when, shown to facilitators (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["submission", "interview_date", "pk"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_actor_type_display()})"

    def as_record(self) -> dict:
        """The interview as plain data: in a homework's versions and a region's download."""
        return {
            "id": self.pk,  # so that an erasure finds it in the versions (services.py)
            "organisation": self.organisation,
            "actor_type": self.actor_type,
            "interview_date": self.interview_date.isoformat(),
            "interviewee_function": self.interviewee_function,
            "consent": self.consent,
            "answers": self.answers,
            "quotes": [q.text for q in self.quotes.all()],
        }


class Quote(models.Model):
    """A passage of an interview's answers that the region picked out."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(_("quote"), max_length=MAX_TEXT)
    position = models.PositiveSmallIntegerField(default=0)

    # Who changed what and when, shown to facilitators (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["interview", "position", "pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self) -> str:
        return self.text[:60]
