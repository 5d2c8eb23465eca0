from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopConfig(AppConfig):
    name = "workshop"
    verbose_name = _("Workshop")

    def ready(self):
        # Imported once the apps are loaded: models may not be imported before.
        from submissions.signals import handed_in_changed

        from .tasks import enqueue_prepare

        handed_in_changed.connect(enqueue_prepare, dispatch_uid="workshop-prepare")
