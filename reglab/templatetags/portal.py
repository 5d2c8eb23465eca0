from django import template
from django.conf import settings
from django.utils.html import json_script
from django.utils.translation import gettext as _

from reglab.middleware import too_large_message

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
            # Said only when writing to the browser's storage failed (full, or disabled).
            "loggedOutNotKept": _(
                "You are logged out, and your text is NOT saved anywhere yet: keep this tab "
                "open, log in again in another tab, and it will be saved from here."
            ),
            "offlineNotKept": _(
                "No connection, and your text is NOT saved anywhere yet: keep this tab open "
                "until it is saved."
            ),
            "keptHere": _("Your text is kept in this browser."),
            "notKept": _("Your text is NOT saved anywhere yet: keep this tab open."),
            "noAnswer": _("The server did not answer."),
            # {status} is an HTTP status code such as 502.
            "serverError": _("The server could not save it (error {status})."),
            # {time} is a clock time such as 14:05:30.
            "retryAt": _("Next try at {time}."),
            "tooLarge": too_large_message(),
            "maxBytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
            "otherTab": _(
                "Text typed in another tab that was closed before it was saved is now kept "
                "on the server: compare and merge it on the homework page."
            ),
        },
        "autosave-strings",
    )
