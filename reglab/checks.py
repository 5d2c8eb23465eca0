"""System checks of the set-up (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def mail_is_sent(app_configs, **kwargs):
    """A production server without EMAIL_URL prints its mails to the log: invitations,
    password resets and reminders would reach no one."""
    if settings.EMAIL_URL:
        return []
    return [
        checks.Warning(
            "EMAIL_URL is not set: mails (invitations, password resets, reminders) are "
            "printed to the log instead of being sent.",
            hint="Set EMAIL_URL, e.g. smtp+tls://user:password@mail.example.org:587, and "
            "DEFAULT_FROM_EMAIL.",
            id="reglab.W001",
        )
    ]
