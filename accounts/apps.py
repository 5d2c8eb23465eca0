from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People: coordinators and their invitations, password reset, each user's settings."""

    name = "accounts"
    verbose_name = _("People")
