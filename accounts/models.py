from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Invitation(models.Model):
    """A coordinator invited by e-mail to set their password (accounts/invitations.py)."""

    class State(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        EXPIRED = "expired", _("Expired")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitation"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # When the link now valid was sent: a new one (resend) makes the older links fail.
    sent_at = models.DateTimeField(_("invited on"))
    times_sent = models.PositiveSmallIntegerField(default=1)
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.user} ({self.state()})"

    @property
    def expires_at(self) -> datetime:
        return self.sent_at + timedelta(days=settings.INVITATION_DAYS)

    def state(self, now: datetime | None = None) -> str:
        if self.accepted_at:
            return self.State.ACCEPTED
        if (now or timezone.now()) > self.expires_at:
            return self.State.EXPIRED
        return self.State.INVITED


class Preferences(models.Model):
    """A user's own settings (Mina inställningar): the language of their mails and which
    mails they want."""

    class HandIns(models.TextChoices):
        EACH = "each", _("One mail for each hand-in")
        DIGEST = "digest", _("One mail a day with the day's hand-ins")
        NONE = "none", _("No mail")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    language = models.CharField(
        _("language of mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    # Coordinators.
    mail_returned = models.BooleanField(_("when our homework is returned"), default=True)
    mail_published = models.BooleanField(_("when the synthesis is published"), default=True)
    mail_reminders = models.BooleanField(_("reminders before the deadline"), default=True)
    # Facilitators.
    mail_hand_ins = models.CharField(
        _("when a region hands in"), max_length=10, choices=HandIns.choices, default=HandIns.EACH
    )
    # The daily digest covers hand-ins after this moment (notifications/digest.py).
    digest_sent_up_to = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("settings")
        verbose_name_plural = _("settings")

    def __str__(self) -> str:
        return f"{self.user}"

    @classmethod
    def of(cls, user) -> "Preferences":
        """The user's settings; the defaults (not saved) for a user who never changed them."""
        found = cls.objects.filter(user=user).first()
        return found or cls(user=user)
