"""What is stored, shown: the history of changes, and a region's own data as JSON."""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from reglab.access import facilitator_required
from reglab.models import region_of
from submissions.models import Submission

from . import records
from .forms import HistoryQuery


@facilitator_required
def history(request):
    """Who changed what and when: homework, interviews, quotes, tags and the taxonomy."""
    submission_id = HistoryQuery.read(request.GET)["submission"]
    submission = None
    if submission_id:
        submission = get_object_or_404(Submission, pk=submission_id)
    changes = records.recent_changes(submission_id=submission.pk if submission else None)
    return render(
        request, "synthesis/history.html", {"changes": changes, "submission": submission}
    )


@login_required
def region_data(request):
    """Everything stored about the coordinator's own region, as a JSON download."""
    region = region_of(request.user)
    if region is None:
        raise Http404
    data = records.region_export(region)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="reglab-{region.slug}.json"'
    return response
