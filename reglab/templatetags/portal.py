from django import template
from django.utils.html import json_script
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def autosave_strings():
    """The messages autosave.js shows, in the page's language, as a JSON data block."""
    return json_script(
        {
            "saving": _("Saving…"),
            "notSaved": _("Not saved:"),
            "restored": _(
                "Text you typed earlier in this browser was not saved; it is restored here."
            ),
            "loggedOut": _(
                "You are logged out. Your text is kept in this browser: log in again "
                "and open this page, and it will be saved."
            ),
            "offline": _("No connection. Your text is kept in this browser and saved later."),
        },
        "autosave-strings",
    )
