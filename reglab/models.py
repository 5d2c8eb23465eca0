from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .regions import REGIONS  # noqa: F401  (the list, importable without Django)


class Region(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    # Swedish alphabetical order (Å Ä Ö last), which neither SQLite nor every
    # PostgreSQL collation gives by sorting on name.
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Kind(models.TextChoices):
        COORDINATOR = "coordinator", _("Region coordinator")
        FACILITATOR = "facilitator", _("REGLAB facilitator")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.region or self.get_kind_display()}"

    def clean(self) -> None:
        if self.kind == self.Kind.COORDINATOR and not self.region_id:
            raise ValidationError({"region": _("A region coordinator needs a region.")})
        if self.kind == self.Kind.FACILITATOR and self.region_id:
            raise ValidationError({"region": _("A facilitator belongs to no region.")})


def region_of(user) -> Region | None:
    """The region a coordinator belongs to; None for facilitators and strangers."""
    if not user.is_authenticated:
        return None
    membership = getattr(user, "membership", None)
    if membership and membership.kind == Membership.Kind.COORDINATOR:
        return membership.region
    return None


def is_facilitator(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    membership = getattr(user, "membership", None)
    return bool(membership and membership.kind == Membership.Kind.FACILITATOR)


class OutgoingMail(models.Model):
    """A mail to send: written in the transaction of what caused it (a hand-in, an
    invitation), so that it is sent exactly when that commits and is never lost when the
    mail server is down; sent and retried by reglab/mail.py."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    # What kind of mail, for the facilitator's overview and the logs ("invitation",
    # "returned", "reminder", …).
    kind = models.CharField(max_length=30)
    # One mail per key, ever (e.g. one 7-day reminder per person, round and deadline).
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outgoing_mails",
    )
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    # Emptied once sent: it may hold a one-time link or a return comment.
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.kind} → {self.to} ({self.status})"
