"""Mails to the portal's users: rendered from templates/mail/<name>_subject.txt and
<name>.txt in the recipient's language, each with a link to their settings, and queued
with reglab.mail (sent once the transaction commits)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from reglab import mail as outbox

from .models import Preferences


def absolute(path: str) -> str:
    """A link for a mail: SITE_URL and the path (a command has no request to ask)."""
    return settings.SITE_URL + path


def send(*, user, template: str, kind: str, context=None, key=None, language=None):
    """Queue the mail `template` to `user`; see reglab.mail.queue for `key`."""
    language = language or Preferences.of(user).language
    with translation.override(language):
        context = {
            "user": user,
            "name": user.get_full_name() or user.get_username(),
            "site_url": settings.SITE_URL,
            "settings_url": absolute(reverse("accounts:settings")),
            **(context or {}),
        }
        subject = render_to_string(f"mail/{template}_subject.txt", context)
        body = render_to_string(f"mail/{template}.txt", context)
    return outbox.queue(to=user.email, subject=subject, body=body, kind=kind, user=user, key=key)
