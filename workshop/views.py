"""The workshop deck: full-screen slides generated from the homework. Views only glue:
workshop/selectors.py shapes the slides, static/js/deck.js drives them."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache

from submissions.models import Assignment
from submissions.views import facilitator_required
from synthesis import cache as synthesis_cache
from synthesis import dashboard_views

from . import selectors


def _show_names(request) -> bool:
    # Anonymised unless the facilitator turns names on at the workshop (key n, ?names=1).
    return request.GET.get("names") == "1"


def _slides(assignment, show_names: bool) -> dict:
    """The slides' HTML, its version and its number of slides: rendered once per version and
    shared by every projected deck (when homework arrives, 200 viewers fetch it at once).
    It holds no per-user data (no CSRF token)."""
    deck_path = reverse("workshop:deck", args=[assignment.pk])

    def compute():
        slides = selectors.deck(assignment, show_names=show_names)
        version = selectors.version(assignment, show_names=show_names)
        html = render_to_string(
            "workshop/_slides.html",
            {
                "slides": slides,
                "show_names": show_names,
                "version": version,
                "deck_path": deck_path,
            },
        )
        return {"html": html, "count": len(slides), "version": version}

    return synthesis_cache.cached("deck-html", assignment, compute, show_names, deck_path)


@never_cache
@facilitator_required
def deck(request, assignment_pk):
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    show_names = _show_names(request)
    slides = _slides(assignment, show_names)
    if request.GET.get("partial") == "1":
        return HttpResponse(slides["html"])
    context = {
        "assignment": assignment,
        "slides_html": mark_safe(slides["html"]),  # our own template's output
        "slide_count": slides["count"],
        "show_names": show_names,
    }
    return render(request, "workshop/deck.html", context)


@never_cache
@facilitator_required
def version(request, assignment_pk):
    """The version of the slides that are ready. The first poll that sees a new version
    of the synthesis builds the slides and the dashboards' default pages; meanwhile the
    other polls answer the previous version, so no projected deck waits for new slides."""
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    return JsonResponse({"version": prepare(assignment, _show_names(request))})


def prepare(assignment, show_names: bool = False) -> str:
    """The version of the slides that are ready, building the slides and the dashboards'
    default pages first when the synthesis has a new version (once per version)."""

    def ready():
        built = _slides(assignment, show_names)["version"]
        dashboard_views.warm(assignment)
        return built

    return synthesis_cache.cached("deck-ready", assignment, ready, show_names)
