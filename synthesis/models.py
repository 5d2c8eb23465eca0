from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RoleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Role(models.Model):
    """A role a region can play in integration work (the taxonomy)."""

    slug = models.SlugField(unique=True)
    name_sv = models.CharField(_("Swedish name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    definition_sv = models.TextField(_("Swedish definition"), blank=True)
    definition_en = models.TextField(_("English definition"), blank=True)
    cues = models.JSONField(_("cue words"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = RoleQuerySet.as_manager()

    # Who changed what and when, shown to facilitators (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv

    @property
    def definition(self) -> str:
        english = (get_language() or "sv").startswith("en")
        return self.definition_en if english else self.definition_sv


class TagQuerySet(models.QuerySet):
    def unreviewed(self):
        return self.filter(review=Tag.Review.UNREVIEWED)

    def reviewed(self):
        return self.exclude(review=Tag.Review.UNREVIEWED)

    def counted(self):
        """The tags that count in the synthesis: not rejected by a facilitator."""
        return self.exclude(review=Tag.Review.REJECTED)


class Tag(models.Model):
    """A role attached to a span of a homework text, with its evidence."""

    class Field(models.TextChoices):
        STATEMENT = "statement", _("Role statement")
        ANSWERS = "answers", _("Interview answers")
        QUOTE = "quote", _("Quote")

    class Source(models.TextChoices):
        AUTO = "auto", _("Automatic")
        FACILITATOR = "facilitator", _("Facilitator")
        # A proposal of the learned model (Proposal) that a facilitator confirmed.
        MODEL = "model", _("Model, confirmed")

    class Review(models.TextChoices):
        UNREVIEWED = "unreviewed", _("Not reviewed")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="tags")
    # The submission is always set, so a region's tags are one filter away. No index of
    # its own: Meta's index on (submission, field) serves every lookup by submission, and
    # one index fewer is one less to write for each of a re-tag's million rows.
    submission = models.ForeignKey(
        "submissions.Submission",
        on_delete=models.CASCADE,
        related_name="tags",
        db_index=False,
    )
    interview = models.ForeignKey(
        "interviews.Interview",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tags",
    )
    quote = models.ForeignKey(
        "interviews.Quote", on_delete=models.CASCADE, null=True, blank=True, related_name="tags"
    )
    field = models.CharField(max_length=20, choices=Field.choices)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    # The span's own text, so a reviewed tag can be found again after the text
    # around it changes; and the matched words inside it as [start, end, words].
    match = models.TextField(blank=True)
    evidence = models.JSONField(default=list, blank=True)
    score = models.FloatField(default=1.0)
    # The speaker expects, wants or misses the role ("Det vi saknar är att regionen
    # samordnar"), rather than saying the region already plays it.
    expectation = models.BooleanField(_("expectation"), default=False)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.AUTO)
    review = models.CharField(max_length=20, choices=Review.choices, default=Review.UNREVIEWED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TagQuerySet.as_manager()

    # Who changed what and when, shown to facilitators (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["submission", "field", "interview", "quote", "start", "pk"]
        indexes = [
            models.Index(fields=["review", "source"]),
            models.Index(fields=["submission", "field"]),
        ]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return f"{self.role.slug}: {self.match}"

    @property
    def is_kept_on_retag(self) -> bool:
        """Re-tagging replaces only automatic tags nobody has reviewed."""
        return self.source != self.Source.AUTO or self.review != self.Review.UNREVIEWED


class TaxonomyChange(models.Model):
    """One edit of the taxonomy; the newest pk is the taxonomy's version."""

    description = models.CharField(max_length=300)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    retagged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.description


class LearnedModel(models.Model):
    """A statistical model trained on facilitators' decisions and the development sets
    (synthesis/learning.py): it proposes roles the rules missed. The newest one is used."""

    created_at = models.DateTimeField(auto_now_add=True)
    # What it learned from: facilitators' decisions and examples in all.
    decisions = models.PositiveIntegerField(default=0)
    examples = models.PositiveIntegerField(default=0)
    # The fitted model, serialised by synthesis/learning.py (written by the server only).
    data = models.BinaryField()
    # Cross-validated agreement with held-out decisions: rules alone, the model alone, both.
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-pk"]
        get_latest_by = "pk"

    def __str__(self) -> str:
        return f"model {self.pk} ({self.decisions} decisions)"


class Proposal(models.Model):
    """A role the learned model proposes for a sentence the rules did not give it: shown in
    the review queue as a *förslag* with its confidence and the words that weighed most,
    never counted in the synthesis. Confirming it makes a Tag (source "model")."""

    model = models.ForeignKey(LearnedModel, on_delete=models.CASCADE, related_name="proposals")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="proposals")
    submission = models.ForeignKey(
        "submissions.Submission", on_delete=models.CASCADE, related_name="proposals"
    )
    interview = models.ForeignKey(
        "interviews.Interview",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
    )
    quote = models.ForeignKey(
        "interviews.Quote",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
    )
    field = models.CharField(max_length=20, choices=Tag.Field.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    match = models.TextField(blank=True)  # the sentence
    confidence = models.FloatField()
    # The words and n-grams that weighed most for the role, as [[term, weight], …].
    weights = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-confidence", "pk"]
        indexes = [models.Index(fields=["submission", "field"])]

    def __str__(self) -> str:
        return f"{self.role.slug}? {self.match[:40]}"


class ExportFile(models.Model):
    """An export too large to build in a request (settings.EXPORT_INLINE_ROWS), built by the
    background worker (synthesis/tasks.py) and kept in the database, so that every gunicorn
    process and container sharing it can serve it: its content is in ExportChunk rows.

    `key` names the data it holds (kind, assignment, the synthesis's generation, language,
    options, the facilitator a project names): the same request for the same data reuses it.
    Deleted when a newer one of the same export is ready, after EXPORT_KEEP_HOURS, and all
    of them when an interviewee's personal data is erased (synthesis/receivers.py)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        BUILDING = "building", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=30)
    assignment = models.ForeignKey(
        "submissions.Assignment", on_delete=models.CASCADE, related_name="+"
    )
    # Who asked (a project names its facilitator); what is left is only the key's.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    options = models.JSONField(default=dict, blank=True)
    generation = models.BigIntegerField()
    language = models.CharField(max_length=10)
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.kind} of assignment {self.assignment_id} ({self.state})"

    @property
    def percent(self) -> int:
        if self.state == self.State.READY:
            return 100
        return min(99, 100 * self.rows_done // self.rows_total) if self.rows_total else 0


class ExportChunk(models.Model):
    """About a megabyte of an ExportFile, read one at a time when it is downloaded."""

    file = models.ForeignKey(ExportFile, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["file", "number"], name="unique_export_chunk")
        ]

    def __str__(self) -> str:
        return f"part {self.number} of {self.file_id}"
