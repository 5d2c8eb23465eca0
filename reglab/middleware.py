from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


class SwedishFirstLocaleMiddleware(LocaleMiddleware):
    """Swedish unless the user chose English with the switch in the page header.

    Django's own middleware follows the browser's Accept-Language, which would
    show most workshop laptops an English portal; the network works in Swedish.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


# submissions.models.MAX_TEXT, which the core may not import (tests/test_too_large.py
# checks that the two agree).
MAX_TEXT_CHARS = 50_000


def too_large_message() -> str:
    return _(
        "The text is too large to save: at most %(size)s can be sent at once, "
        "and each text field takes at most %(chars)s characters."
    ) % {
        "size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
        "chars": number_format(MAX_TEXT_CHARS, force_grouping=True),
    }


def _wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


class PostGuardMiddleware:
    """Answers a POST that cannot be served in the form its sender reads.

    Django answers a body over DATA_UPLOAD_MAX_MEMORY_SIZE, and an autosave after the
    session lapsed (the CSRF check fails first), with an HTML 400 or 403: autosave.js
    cannot tell either from a login page, and a person sees a bare error. Too large gets
    413 (JSON for fetch, else a page naming the limit); logged out gets a 401 JSON. It
    must come before CsrfViewMiddleware, whose process_view reads the body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.method != "POST":
            return None
        # A view that takes files names its own limit (the Word import: 20 MB).
        limit = getattr(view, "upload_limit", settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        if limit is not None and _content_length(request) > limit:
            return self._refuse(request, too_large_message())  # without reading the body
        if _wants_json(request) and not request.user.is_authenticated:
            return JsonResponse(
                {"ok": False, "logged_out": True, "error": _("You are logged out.")}, status=401
            )
        if getattr(view, "csrf_exempt", False):
            return None  # such a view may read the raw body; CSRF leaves it alone too
        # CsrfViewMiddleware reads the form next; a body that breaks a limit while
        # being parsed (too many fields, a chunked body without a length) fails here.
        try:
            request.POST  # noqa: B018
        except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent) as error:
            return self.process_exception(request, error)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return self._refuse(request, too_large_message())
        if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
            return self._refuse(request, _("The form sent too many fields to save at once."))
        return None

    def _refuse(self, request, message: str):
        if _wants_json(request):
            return JsonResponse({"ok": False, "too_large": True, "error": message}, status=413)
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("home")
        return render(request, "413.html", {"message": message, "back": back}, status=413)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
