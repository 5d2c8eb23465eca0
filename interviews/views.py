import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reglab.access import facilitator_required, get_for_user
from reglab.context_processors import remember_saved_draft
from submissions.models import Submission
from submissions.services import WorkflowError

from .forms import InterviewForm
from .models import Interview
from .services import FIELDS, delete_interview, erase_personal_data, save_interview


def _get_interview_for_user(request, pk) -> Interview:
    """The interview if it belongs to the user's own region; a facilitator changes none."""
    queryset = Interview.objects.select_related("submission__region")
    return get_for_user(request, queryset, region="submission__region", write=True, pk=pk)


def _redirect_if_locked(request, submission):
    if not submission.is_editable:
        messages.info(request, _("The homework is submitted and can no longer be changed."))
        return redirect("submissions:detail", pk=submission.pk)
    return None


def _save(request, form, submission, interview=None, form_token=None):
    data = {name: form.cleaned_data[name] for name in FIELDS}
    return save_interview(
        submission=submission,
        user=request.user,
        data=data,
        quotes=form.cleaned_data["quotes"],
        interview=interview,
        base_revision=form.cleaned_data.get("revision") or 0,
        form_token=form_token,
    )


def _form_token(request) -> uuid.UUID | None:
    """The new-interview form's token: the one posted, or a new one for a form shown."""
    if request.method != "POST":
        return uuid.uuid4()
    try:
        return uuid.UUID(request.POST.get("form_token", ""))
    except ValueError:
        return None  # a form from before tokens: saved, without the double-submit check


@login_required
def create(request, submission_pk):
    submission = get_for_user(request, Submission.objects, pk=submission_pk, write=True)
    if locked := _redirect_if_locked(request, submission):
        return locked
    form = InterviewForm(request.POST or None)
    form_token = _form_token(request)
    if request.method == "POST" and form.is_valid():
        saved = True
        try:
            _save(request, form, submission, form_token=form_token)
        except IntegrityError:
            # A twin submit of the same form got there first (its token is taken): one
            # click, one interview, and the same answer as the first.
            if not submission.interviews.filter(form_token=form_token).exists():
                raise
        except WorkflowError as error:  # e.g. the most interviews a homework takes
            form.add_error(None, str(error))
            saved = False
        if saved:
            remember_saved_draft(request, f"interview-new-{submission.pk}")
            messages.success(request, _("The interview is saved."))
            return redirect("submissions:detail", pk=submission.pk)
    return render(
        request,
        "interviews/form.html",
        {
            "form": form,
            "submission": submission,
            "interview": None,
            "form_token": form_token or uuid.uuid4(),
        },
    )


@login_required
def edit(request, pk):
    interview = _get_interview_for_user(request, pk)
    submission = interview.submission
    if locked := _redirect_if_locked(request, submission):
        return locked
    form = InterviewForm(request.POST or None, instance=interview)
    conflict = None
    if request.method == "POST" and form.is_valid():
        # The form's instance now holds the posted values; save from a fresh copy.
        result = _save(request, form, submission, Interview.objects.get(pk=pk))
        if result.conflict is None:
            remember_saved_draft(request, f"interview-{pk}")
            messages.success(request, _("The interview is saved."))
            return redirect("submissions:detail", pk=submission.pk)
        remember_saved_draft(request, f"interview-{pk}")
        conflict = result.conflict
        interview = Interview.objects.get(pk=pk)
        form = InterviewForm(instance=interview)
    return render(
        request,
        "interviews/form.html",
        {"form": form, "submission": submission, "interview": interview, "conflict": conflict},
    )


@require_POST
@login_required
def autosave(request, pk):
    """Save an existing interview while the coordinator types (autosave.js)."""
    interview = _get_interview_for_user(request, pk)
    form = InterviewForm(request.POST, instance=Interview.objects.get(pk=pk))
    if not form.is_valid():
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        return JsonResponse({"ok": False, "error": errors}, status=400)
    try:
        result = _save(request, form, interview.submission, Interview.objects.get(pk=pk))
    except WorkflowError as error:
        return JsonResponse({"ok": False, "error": str(error)}, status=409)
    if result.conflict:
        message = _(
            "A colleague saved this interview meanwhile. Your text is kept; "
            "reload the page to compare and merge."
        )
        return JsonResponse({"ok": False, "conflict": True, "error": message}, status=409)
    when = date_format(timezone.localtime(result.interview.updated_at), "H:i")
    return JsonResponse(
        {
            "ok": True,
            "revision": result.interview.revision,
            "message": _("Saved %(time)s") % {"time": when},
        }
    )


@login_required
def delete(request, pk):
    interview = _get_interview_for_user(request, pk)
    submission = interview.submission
    if locked := _redirect_if_locked(request, submission):
        return locked
    if request.method == "POST":
        delete_interview(interview=interview, user=request.user)
        messages.success(request, _("The interview is deleted."))
        return redirect("submissions:detail", pk=submission.pk)
    return render(
        request,
        "interviews/confirm_delete.html",
        {"interview": interview, "submission": submission},
    )


@require_POST
@facilitator_required
def erase(request, pk):
    """A facilitator erases an interviewee's personal data (GDPR request)."""
    interview = get_object_or_404(Interview, pk=pk)
    erase_personal_data(interview=interview, user=request.user)
    messages.success(
        request, _("The interviewee's personal data is erased; the quotes stay, anonymised.")
    )
    return redirect("submissions:detail", pk=interview.submission_id)
