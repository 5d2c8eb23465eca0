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
    """The version of the slides that are ready. When the data has changed, one poll (or
    the background worker, workshop/tasks.py) builds the new slides; meanwhile the other
    polls answer the previous version, so no projected deck waits for new slides."""
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    version = selectors.ready_version(assignment, show_names=_show_names(request))
    return JsonResponse({"version": version})
