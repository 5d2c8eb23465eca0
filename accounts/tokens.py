"""The one-time link of an invitation: Django's password-reset token machinery, with its
own salt and lifetime (INVITATION_DAYS).

The link stops working once used (it is signed with the password, which accepting sets)
and once a newer invitation is sent (it is signed with the invitation's time)."""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.InvitationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        invitation = getattr(user, "invitation", None)
        sent = invitation.sent_at.replace(microsecond=0, tzinfo=None) if invitation else ""
        return f"{user.pk}{user.password}{user.is_active}{sent}{timestamp}"

    def check_token(self, user, token) -> bool:
        return self.token_state(user, token) == "valid"

    def token_state(self, user, token) -> str:
        """ "valid", "expired" (genuine but too old) or "invalid"."""
        if not (user and token):
            return "invalid"
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return "invalid"
        genuine = any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )
        if not genuine:
            return "invalid"
        if self._num_seconds(self._now()) - ts > settings.INVITATION_DAYS * 24 * 60 * 60:
            return "expired"
        return "valid"


invitation_token = InvitationTokenGenerator()
