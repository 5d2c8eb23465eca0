from datetime import date

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """The load balancer's health check: the app answers and the database does too."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means unhealthy, whatever the driver raises
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


# The error pages (handler403/404/500 in reglab/urls.py): the portal's layout, the
# user's language and a way back, instead of Django's bare English pages.


def _back_link(request) -> str:
    """The page the user came from, when it is one of ours and not this one."""
    referer = request.headers.get("Referer", "")
    if referer == request.build_absolute_uri():
        return ""
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if safe else ""


@requires_csrf_token
def permission_denied(request, exception=None):
    # The deck link a facilitator shared, opened by a coordinator: say where the deck is.
    match = request.resolver_match
    deck = match is not None and match.namespace == "workshop"
    context = {"back": _back_link(request), "deck": deck}
    return render(request, "403.html", context, status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "404.html", {"back": _back_link(request)}, status=404)


def server_error(request):
    # No request context: the failure may be the database or a context processor itself.
    return HttpResponseServerError(loader.render_to_string("500.html"))


# When the portal was last assessed against WCAG 2.1 AA (tests/browser/test_accessibility.py
# and by hand): move it, and the statement's list of problems, at each assessment.
ACCESSIBILITY_ASSESSED = date(2026, 11, 29)


@require_GET
def accessibility_statement(request):
    """The accessibility statement that the law on accessible digital public services
    (DOS-lagen) asks for, in the structure of DIGG's model; open to everyone."""
    return render(
        request,
        "accessibility.html",
        {"contact": settings.ACCESSIBILITY_CONTACT, "assessed": ACCESSIBILITY_ASSESSED},
    )


def too_many_requests(request, exception=None):
    """A throttled request (django-ratelimit's RATELIMIT_VIEW): the 429 page."""
    return render(request, "429.html", status=429)
