from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SynthesisConfig(AppConfig):
    name = "synthesis"
    verbose_name = _("Synthesis")

    def ready(self):
        # Imported once the apps are loaded: the receivers import the models.
        from . import receivers

        receivers.connect()
