"""The workshop deck: full-screen slides generated from the homework. Views only glue:
workshop/selectors.py shapes the slides, static/js/deck.js drives them."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
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
    context = {
        "assignment": assignment,
        "slides": synthesis_cache.cached(
            "deck",
            assignment,
            lambda: selectors.deck(assignment, show_names=show_names),
            show_names,
        ),
        "show_names": show_names,
        "version": selectors.version(assignment, show_names=show_names),
    }
    if request.GET.get("partial") == "1":
        return render(request, "workshop/_slides.html", context)
    return render(request, "workshop/deck.html", context)


@never_cache
@facilitator_required
def version(request, assignment_pk):
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    return JsonResponse(
        {"version": selectors.version(assignment, show_names=_show_names(request))}
    )
