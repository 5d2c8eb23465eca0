from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from submissions.models import Assignment
from submissions.views import facilitator_required


@facilitator_required
def deck(request, assignment_pk):
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    return render(request, "workshop/deck.html", {"assignment": assignment})


@facilitator_required
def version(request, assignment_pk):
    get_object_or_404(Assignment, pk=assignment_pk)
    return JsonResponse({"version": ""})
