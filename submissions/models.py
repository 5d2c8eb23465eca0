from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

MAX_TEXT = 50_000

# How long after its deadline a round still lets a region start its homework (late).
LATE_START = timedelta(days=60)


def _english() -> bool:
    return (get_language() or "sv").startswith("en")


class Assignment(models.Model):
    """A homework round (hemläxa): instructions, a deadline, a minimum of interviews."""

    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    instructions_sv = models.TextField(_("instructions (Swedish)"), max_length=MAX_TEXT)
    instructions_en = models.TextField(
        _("instructions (English)"), max_length=MAX_TEXT, blank=True
    )
    deadline = models.DateTimeField(_("deadline"))
    min_interviews = models.PositiveSmallIntegerField(_("minimum number of interviews"), default=3)
    # Once published, coordinators see their own region's profile and the network's charts.
    published_at = models.DateTimeField(_("synthesis published"), null=True, blank=True)
    show_region_names = models.BooleanField(
        _("show other regions' names to the regions"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Who changed what and when, shown to facilitators (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-deadline", "-pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return (self.title_en or self.title_sv) if _english() else self.title_sv

    @property
    def instructions(self) -> str:
        return (
            (self.instructions_en or self.instructions_sv) if _english() else self.instructions_sv
        )

    def is_past_deadline(self, now=None) -> bool:
        return (now or timezone.now()) > self.deadline

    def is_open(self, now=None) -> bool:
        """Whether a region may still start its homework. Late homework is welcome (the
        received list marks it late) until the round is over: its synthesis published,
        or LATE_START past the deadline."""
        now = now or timezone.now()
        return self.published_at is None and now <= self.deadline + LATE_START


class SubmissionQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(state=Submission.State.SUBMITTED)

    def for_region(self, region):
        return self.filter(region=region)


class Submission(models.Model):
    """One region's answer to one assignment: a role statement and its interviews."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="submissions"
    )
    region = models.ForeignKey(
        "reglab.Region", on_delete=models.PROTECT, related_name="submissions"
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    statement = models.TextField(_("role statement"), blank=True, max_length=MAX_TEXT)
    # Bumped on every save of the statement, so a save based on an older text is
    # seen as a conflict instead of silently overwriting a colleague's work.
    statement_revision = models.PositiveIntegerField(default=0)
    statement_saved_at = models.DateTimeField(null=True, blank=True)
    statement_saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    self_roles = models.ManyToManyField(
        "synthesis.Role", blank=True, related_name="claimed_by", verbose_name=_("own roles")
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    return_comment = models.TextField(_("comment"), blank=True, max_length=MAX_TEXT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    # Who changed what and when, shown to facilitators (django-simple-history). The role
    # picks are part of the homework: their changes are recorded like the text's.
    history = HistoricalRecords(m2m_fields=["self_roles"])

    class Meta:
        ordering = ["assignment", "region"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "region"], name="one_submission_per_region"
            )
        ]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return f"{self.region} – {self.assignment}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The state as read, so that whoever listens to a save can tell a hand-in or a
        # return (the state changed) from an edit of a draft.
        instance.state_as_read = instance.__dict__.get("state")
        return instance

    @property
    def is_handed_in(self) -> bool:
        return self.state == self.State.SUBMITTED

    @property
    def was_handed_in(self) -> bool | None:
        """Whether it was handed in when read from the database; None when unknown."""
        read = getattr(self, "state_as_read", None)
        return None if read is None else read == self.State.SUBMITTED

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)

    def missing(self, interview_count: int | None = None) -> list[str]:
        """What still stops the region from submitting, as sentences for the user."""
        if interview_count is None:
            interview_count = self.interviews.count()
        problems = []
        if not self.statement.strip():
            problems.append(str(_("The role statement is empty.")))
        needed = self.assignment.min_interviews
        if interview_count < needed:
            # Say how many more are needed: "1 of 3 interviews" read as one missing.
            remaining = needed - interview_count
            problems.append(
                ngettext(
                    "%(remaining)d more interview needed (%(count)d of %(needed)d done).",
                    "%(remaining)d more interviews needed (%(count)d of %(needed)d done).",
                    remaining,
                )
                % {"remaining": remaining, "count": interview_count, "needed": needed}
            )
        return problems

    def is_late(self, now=None) -> bool:
        deadline = self.assignment.deadline
        if self.submitted_at and self.state == self.State.SUBMITTED:
            return self.submitted_at > deadline
        return (now or timezone.now()) > deadline


class SubmissionVersion(models.Model):
    """A frozen copy of a submission, taken at every submit and every return."""

    class Event(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    event = models.CharField(max_length=20, choices=Event.choices)
    snapshot = models.JSONField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["submission", "number"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.submission} v{self.number}"


class ConflictCopy(models.Model):
    """A text that lost a race with a colleague's save, or that a Word import replaced, kept
    until someone merges it."""

    class Cause(models.TextChoices):
        EDIT = "edit", _("simultaneous edit")
        IMPORT = "import", _("Word import")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="conflicts")
    interview = models.ForeignKey(
        "interviews.Interview", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    field = models.CharField(max_length=50)
    text = models.TextField()
    # The role picks (slugs) sent with a statement that lost; None when none were sent.
    roles = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    resolved = models.BooleanField(default=False)
    cause = models.CharField(max_length=10, choices=Cause.choices, default=Cause.EDIT)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.submission} {self.field} ({self.created_at:%Y-%m-%d %H:%M})"

    def role_names(self) -> list[str]:
        """The names of the kept role picks, in the user's language."""
        roles = {r.slug: r.name for r in taxonomy().objects.filter(slug__in=self.roles or [])}
        return [roles.get(slug, slug) for slug in self.roles or []]


def taxonomy():
    """The model of the roles a region picks from (the synthesis's taxonomy), reached
    through the homework's own field, so that the homework imports nothing of the
    synthesis."""
    return Submission._meta.get_field("self_roles").related_model
