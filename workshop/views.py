"""The workshop deck: full-screen slides generated from the homework. Views only glue:
workshop/selectors.py shapes the slides, static/js/deck.js drives them."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache

from reglab.access import facilitator_required
from submissions.models import Assignment

from . import selectors


def _show_names(request) -> bool:
    # Anonymised unless the facilitator turns names on at the workshop (key n, ?names=1).
    return request.GET.get("names") == "1"


@never_cache
@facilitator_required
def deck(request, assignment_pk):
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    show_names = _show_names(request)
    slides = selectors.slides(assignment, show_names=show_names)
    if request.GET.get("partial") == "1":
        # The deck says which slides it has (deck.js): while the new ones are being built
        # elsewhere, the slides answered would be those, so say "nothing new yet" in a few
        # bytes rather than send 200 projectors the same HTML again every tick.
        if request.GET.get("have") == slides["version"]:
            return HttpResponse(status=204)
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
    """The version the deck would show now: read from the generation of the data, never
    by building the slides, so the polls of 200 projected decks cost the same whatever the
    size of the network. A deck whose version is behind fetches `?partial=1` (which builds
    the new slides once, the previous ones meanwhile)."""
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    version = selectors.version(assignment, show_names=_show_names(request))
    return JsonResponse({"version": version})
