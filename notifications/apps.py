from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Mails when something happens to homework: returned, handed in, published, due."""

    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from submissions import signals

        from . import receivers

        signals.handed_in.connect(receivers.homework_handed_in, dispatch_uid="notify_handed_in")
        signals.returned.connect(receivers.homework_returned, dispatch_uid="notify_returned")
        signals.synthesis_published.connect(
            receivers.synthesis_published, dispatch_uid="notify_published"
        )
