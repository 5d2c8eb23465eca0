"""The workshop deck: full-screen slides generated from the homework. Views only glue:
workshop/selectors.py shapes the slides, static/js/deck.js drives them."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache

from submissions.models import Assignment
from submissions.views import facilitator_required
from synthesis import cache as synthesis_cache

from . import selectors


def _show_names(request) -> bool:
    # Anonymised unless the facilitator turns names on at the workshop (key n, ?names=1).
    return request.GET.get("names") == "1"


@never_cache
@facilitator_required
def deck(request, assignment_pk):
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    show_names = _show_names(request)
    deck_path = request.path

    def slides_html():
        # Rendered once per version and shared by every projected deck: when homework
        # arrives, 200 viewers fetch it at once. It holds no per-user data (no CSRF token).
        slides = selectors.deck(assignment, show_names=show_names)
        html = render_to_string(
            "workshop/_slides.html",
            {
                "slides": slides,
                "show_names": show_names,
                "version": selectors.version(assignment, show_names=show_names),
                "deck_path": deck_path,
            },
        )
        return {"html": html, "count": len(slides)}

    cached = synthesis_cache.cached("deck-html", assignment, slides_html, show_names, deck_path)
    if request.GET.get("partial") == "1":
        return HttpResponse(cached["html"])
    context = {
        "assignment": assignment,
        "slides_html": mark_safe(cached["html"]),  # our own template's output
        "slide_count": cached["count"],
        "show_names": show_names,
    }
    return render(request, "workshop/deck.html", context)


@never_cache
@facilitator_required
def version(request, assignment_pk):
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    return JsonResponse(
        {"version": selectors.version(assignment, show_names=_show_names(request))}
    )
