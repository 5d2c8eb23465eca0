"""Coordinators come in by invitation: a facilitator names them, the portal mails them a
one-time link (accounts/tokens.py) where they choose their password.

Every workflow here is one transaction, and its mail is queued in it (reglab/mail.py), so a
mail goes out exactly when what it announces exists.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from reglab.models import Membership, Region
from reglab.text import nfc

from . import mail
from .models import Invitation, Preferences
from .tokens import invitation_token

log = logging.getLogger(__name__)

User = get_user_model()

# The user name is the e-mail address, and Django's user name holds 150 characters.
MAX_EMAIL = 150
MAX_NAME = 150


class InvitationError(Exception):
    """Why an invitation cannot be made or sent, in words for the facilitator."""

    @property
    def message(self) -> str:
        return str(self)


def normalise_email(email: str) -> str:
    """One spelling per address: the same person is never invited twice by case or by
    a decomposed å."""
    return nfc(email).strip().lower()


def split_name(name: str) -> tuple[str, str]:
    """First and last name, split at the last space ("Anna Maria Svensson" → "Anna Maria",
    "Svensson"); a single word is a first name."""
    words = " ".join(nfc(name).split())
    first, _space, last = words.rpartition(" ")
    return (first, last) if first else (last, "")


def _accounts(emails: Iterable[str]):
    """The accounts whose e-mail or user name is one of these (normalised) addresses."""
    emails = list(emails)
    return (
        User.objects.annotate(email_lower=Lower("email"), username_lower=Lower("username"))
        .filter(Q(email_lower__in=emails) | Q(username_lower__in=emails))
        .select_related("membership__region")
        .order_by("pk")
    )


def _refusal(email: str, user) -> str | None:
    """Why `user`'s address cannot be invited; None when it can (a removed coordinator)."""
    membership = getattr(user, "membership", None)
    if not user.is_active:
        if user.is_staff or user.is_superuser:
            # Re-activating it here would hand its administrator rights to the invitee.
            return _("%(email)s belongs to a removed administrator account.") % {"email": email}
        return None
    if membership and membership.kind == Membership.Kind.COORDINATOR and membership.region:
        return _("%(email)s is already a coordinator of %(region)s.") % {
            "email": email,
            "region": membership.region.name,
        }
    if user.is_superuser or (membership and membership.kind == Membership.Kind.FACILITATOR):
        return _("%(email)s is a REGLAB facilitator.") % {"email": email}
    return _("%(email)s already has an account in the portal.") % {"email": email}


def existing_accounts(emails: Iterable[str]) -> tuple[dict[str, str], set[str]]:
    """For many addresses in one query: why each refused address cannot be invited, and
    the addresses of removed accounts that an invitation brings back."""
    emails = set(emails)
    refused: dict[str, str] = {}
    removed: set[str] = set()
    for user in _accounts(emails):
        for email in {user.email_lower, user.username_lower} & emails:
            reason = _refusal(email, user)
            if reason:
                refused.setdefault(email, reason)
            else:
                removed.add(email)
    return refused, removed - set(refused)


def check_email(email: str) -> None:
    """Raise InvitationError if the (normalised) address cannot be invited."""
    refused, _removed = existing_accounts([email])
    if email in refused:
        raise InvitationError(refused[email])


def invitation_link(user) -> str:
    """The one-time link of the user's current invitation (user.invitation must be it)."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_token.make_token(user)
    return mail.absolute(reverse("accounts:accept", args=[uidb64, token]))


def _send(user, invitation: Invitation, *, language: str, by) -> None:
    user.invitation = invitation  # the token is made from this invitation's time
    inviter = (by.get_full_name() or by.get_username()) if by else ""
    region = user.membership.region
    mail.send(
        user=user,
        template="invitation",
        kind="invitation",
        language=language,
        context={
            "region": region.name if region else "",
            "inviter": inviter,
            "link": invitation_link(user),
            "expires_at": invitation.expires_at,
            "email": user.email,
        },
    )


@transaction.atomic
def invite(*, region: Region, email: str, name: str, language: str = "sv", by) -> User:
    """Make `email` a coordinator of `region` and mail them the link to set a password.

    A removed coordinator with this address is brought back (perhaps for another region)
    rather than duplicated; an address in use by an active account is refused."""
    email = normalise_email(email)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    accounts = list(_accounts([email]))
    for account in accounts:
        reason = _refusal(email, account)
        if reason:
            raise InvitationError(reason)
    # The removed account that logged in with this address, else any with it.
    user = next((a for a in accounts if a.username_lower == email), None) or next(
        iter(accounts), None
    )
    if user is None:
        user = User(username=email)
    elif not any(a.username_lower == email for a in accounts if a is not user):
        user.username = email  # they log in with their address, as everyone invited
    user.email = email
    user.first_name, user.last_name = split_name(name)
    user.is_active = True
    user.set_unusable_password()
    try:
        with transaction.atomic():  # the same address invited twice at the same moment
            user.save()
    except IntegrityError:
        raise InvitationError(
            _("%(email)s already has an account in the portal.") % {"email": email}
        ) from None
    # A new account (most are) gets its rows by plain inserts: a file of 500 people is
    # one transaction of a few thousand queries rather than three times that.
    new = not accounts
    coordinator = {"kind": Membership.Kind.COORDINATOR, "region": region}
    fresh = {"sent_at": timezone.now(), "invited_by": by, "times_sent": 1, "accepted_at": None}
    if new:
        membership = Membership.objects.create(user=user, **coordinator)
        Preferences.objects.create(user=user, language=language)
        invitation = Invitation.objects.create(user=user, **fresh)
    else:
        membership, _created = Membership.objects.update_or_create(user=user, defaults=coordinator)
        Preferences.objects.update_or_create(user=user, defaults={"language": language})
        invitation, _created = Invitation.objects.update_or_create(user=user, defaults=fresh)
    user.membership = membership
    _send(user, invitation, language=language, by=by)
    log.info("%s invited %s to %s", by, email, region.slug)
    return user


@transaction.atomic
def resend_invitation(*, user, by) -> None:
    """Mail a new link in the user's language; the earlier links stop working. `by` is
    None when the invitee asked for it themselves (a password reset before accepting)."""
    invitation = Invitation.objects.select_for_update().filter(user=user).first()
    if invitation is None:
        raise InvitationError(
            _("%(email)s was never invited; they can use 'Forgot your password?'.")
            % {"email": user.email}
        )
    if invitation.accepted_at:
        raise InvitationError(
            _("%(email)s already set a password; they can use 'Forgot your password?'.")
            % {"email": user.email}
        )
    invitation.sent_at = timezone.now()
    invitation.times_sent += 1
    invitation.save(update_fields=["sent_at", "times_sent"])
    # The token reads sent_at to the second; a new random unusable password also makes a
    # link sent in the same second as this one fail.
    user.set_unusable_password()
    user.save(update_fields=["password"])
    _send(user, invitation, language=Preferences.of(user).language, by=by or invitation.invited_by)


@transaction.atomic
def remove_coordinator(*, user, by) -> None:
    """The coordinator can no longer log in; their region's homework and its history stay.

    Django checks each session against a hash of the password on every request, and
    refuses inactive users, so every session they have ends at its next request. Their
    rows in the session table are left to expire: they cannot be found without reading
    every session."""
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["is_active", "password"])
    log.info("%s removed coordinator %s", by, user.email)


@transaction.atomic
def accept(*, user, password: str) -> None:
    """The invitee chose their password: the link is used up (it is signed with the old
    password)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    Invitation.objects.filter(user=user).update(accepted_at=timezone.now())
