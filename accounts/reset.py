"""Password reset by e-mail: Django's own views and token, with the link queued through the
outbox (reglab/mail.py) in the user's language, requests throttled per client and per
address, and the same answer whether or not an address belongs to an account."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse, reverse_lazy
from django.utils.crypto import constant_time_compare
from django.utils.decorators import method_decorator
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django_ratelimit.decorators import ratelimit

from reglab.text import NFCFormMixin, normalise

from . import mail
from .invitations import resend_invitation

# The address asked for, kept for the "sent" page only: never in a URL.
SESSION_ADDRESS = "password_reset_address"


def link_hours() -> int:
    """How long a reset link works, in hours (PASSWORD_RESET_HOURS)."""
    return max(1, round(settings.PASSWORD_RESET_TIMEOUT / 3600))


def _pending_invitee(email: str):
    """A coordinator who was invited but never chose a password (active, no usable
    password, invitation not accepted), found by `email`; else None.

    Django sends no reset link to an account without a password; such a person asking for
    one should get their invitation again (the call is in ResetForm.save)."""
    candidates = get_user_model()._default_manager.filter(
        email__iexact=email,
        is_active=True,
        invitation__isnull=False,
        invitation__accepted_at__isnull=True,
    )
    return next(
        (user for user in candidates.order_by("pk") if not user.has_usable_password()), None
    )


class ResetForm(NFCFormMixin, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")

    @transaction.atomic
    def save(self, *, token_generator=default_token_generator, **django_options) -> None:
        """Queue a link to every account with this address: active and with a password,
        the address compared case-insensitively (Django's get_users). The mail is written
        to the outbox here and sent after the request (MAIL_DELIVERY="worker"), so a known
        and an unknown address take the same kind of time: no mail server is contacted."""
        email = self.cleaned_data["email"]
        for user in self.get_users(email):
            _queue_link(user, token_generator)
        invitee = _pending_invitee(email)
        if invitee is not None:
            # Invited, but the invitation was lost or expired: a new one is what they need.
            resend_invitation(user=invitee, by=None)


def _queue_link(user, token_generator) -> None:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uidb64, "token": token})
    mail.send(
        user=user,
        template="password_reset",
        kind="password_reset",
        context={"link": mail.absolute(path), "hours": link_hours()},
    )


def _rate(group, request) -> str:
    # Read at each request, so that a changed setting applies at once (and tests can set it).
    return settings.PASSWORD_RESET_RATE


def _address(group, request) -> str:
    """The posted address as one key, whatever its case or Unicode form."""
    return normalise(request.POST.get("email", "")).strip().lower()


# Both limits count before the form is read, so a throttled request is the 429 page whether
# or not the address belongs to an account.
@method_decorator(
    ratelimit(group="password_reset.address", key=_address, rate=_rate, method="POST"),
    name="dispatch",
)
@method_decorator(
    ratelimit(group="password_reset.client", key="ip", rate=_rate, method="POST"),
    name="dispatch",
)
class RequestResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_initial(self):
        user = self.request.user
        return {"email": user.email} if user.is_authenticated else {}

    def form_valid(self, form):
        # The next page repeats the address, so that a typo shows there.
        self.request.session[SESSION_ADDRESS] = form.cleaned_data["email"]
        return super().form_valid(form)


class ResetSentView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"

    def get_context_data(self, **kwargs):
        address = self.request.session.get(SESSION_ADDRESS, "")
        return super().get_context_data(address=address, hours=link_hours(), **kwargs)


class ConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view: it moves the token into the session and redirects, so that the
    token does not leak in a Referer header. A link that fails says why it may have."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context["validlink"]:
            context["expired"] = self._expired()
            context["hours"] = link_hours()
        return context

    def _expired(self) -> bool:
        """The link is genuine, only too old (not used, tampered with or cut short)."""
        token = self.kwargs["token"]
        if token == self.reset_url_token:
            token = self.request.session.get(auth_views.INTERNAL_RESET_SESSION_TOKEN) or ""
        if self.user is None:
            return False
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        generator = self.token_generator
        return any(
            constant_time_compare(
                generator._make_token_with_timestamp(self.user, timestamp, secret), token
            )
            for secret in [generator.secret, *generator.secret_fallbacks]
        )


class CompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


request_reset = RequestResetView.as_view()
reset_sent = ResetSentView.as_view()
confirm = ConfirmView.as_view()
complete = CompleteView.as_view()
