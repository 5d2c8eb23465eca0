from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReglabConfig(AppConfig):
    name = "reglab"
    verbose_name = _("Regions and members")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy checks)
