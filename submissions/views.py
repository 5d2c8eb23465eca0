from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reglab.access import facilitator_required, get_for_user
from reglab.context_processors import remember_saved_draft
from reglab.models import is_facilitator, region_of
from reglab.spreadsheets import csv_text

from . import selectors, services
from .forms import AssignmentForm, ReceivedQuery, ReturnForm, StatementForm
from .models import Assignment, ConflictCopy, Submission, taxonomy


def _get_submission_for_user(request, pk, *, write: bool = False) -> Submission:
    queryset = Submission.objects.select_related("assignment", "region")
    return get_for_user(request, queryset, pk=pk, write=write)


@login_required
def home(request):
    if is_facilitator(request.user):
        return received(request)
    region = region_of(request.user)
    if region is None:
        return render(request, "submissions/no_membership.html", status=403)
    rows = selectors.region_homework(region=region)
    return render(request, "submissions/home.html", {"region": region, "rows": rows})


@require_http_methods(["GET", "POST"])
@login_required
def start(request, assignment_pk):
    """The region's homework for an assignment. A GET changes nothing (a crawler or a
    prefetch follows links): it leads to the draft, or shows the assignment with a button
    whose POST creates the draft while the round is open."""
    region = region_of(request.user)
    if region is None:
        raise Http404
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    submission = Submission.objects.filter(region=region, assignment=assignment).first()
    if submission is None and request.method == "POST":
        try:
            submission = services.start_submission(region=region, assignment=assignment)
        except services.WorkflowError as error:
            messages.error(request, str(error))
            return redirect("submissions:start", assignment_pk=assignment.pk)
    if submission is not None:
        return redirect("submissions:detail", pk=submission.pk)
    return render(
        request,
        "submissions/start.html",
        {"assignment": assignment, "region": region, "is_open": assignment.is_open()},
    )


@login_required
def detail(request, pk):
    submission = _get_submission_for_user(request, pk)
    interviews = submission.interviews.prefetch_related("quotes")
    own_region = region_of(request.user) == submission.region
    context = {
        "submission": submission,
        "interviews": interviews,
        "missing": submission.missing(len(interviews)),
        "own_region": own_region,
        "conflicts": submission.conflicts.filter(resolved=False) if own_region else [],
        "return_form": ReturnForm() if is_facilitator(request.user) else None,
        "self_roles": submission.self_roles.all(),
    }
    return render(request, "submissions/detail.html", context)


def _statement_saved_message(submission: Submission) -> str:
    if not submission.statement_saved_at:
        return ""
    when = date_format(timezone.localtime(submission.statement_saved_at), "H:i")
    return _("Saved %(time)s") % {"time": when}


@login_required
def edit_statement(request, pk):
    submission = _get_submission_for_user(request, pk, write=True)
    if not submission.is_editable:
        messages.info(request, _("The homework is submitted and can no longer be changed."))
        return redirect("submissions:detail", pk=pk)
    conflict = None
    if request.method == "POST":
        form = StatementForm(request.POST)
        if form.is_valid():
            result = services.save_statement(
                submission=submission,
                user=request.user,
                statement=form.cleaned_data["statement"],
                base_revision=form.cleaned_data["revision"],
                self_roles=form.cleaned_data["self_roles"],
            )
            if result.conflict is None:
                remember_saved_draft(request, f"statement-{pk}")
                messages.success(request, _("The role statement is saved."))
                return redirect("submissions:detail", pk=pk)
            # The text that lost is kept on the server: the browser's copy must not
            # be put back over the saved text (see autosave.js).
            remember_saved_draft(request, f"statement-{pk}")
            conflict = result.conflict
            submission = result.submission
            # The form shows what is stored, text and role picks; the losing ones are
            # kept in the conflict copy shown above it and on the homework page.
            form = StatementForm(
                initial={
                    "statement": submission.statement,
                    "self_roles": submission.self_roles.all(),
                    "revision": submission.statement_revision,
                }
            )
    else:
        form = StatementForm(
            initial={
                "statement": submission.statement,
                "self_roles": submission.self_roles.all(),
                "revision": submission.statement_revision,
            }
        )
    context = {
        "submission": submission,
        "form": form,
        "conflict": conflict,
        "conflicts": _statement_conflicts(submission),
        "saved_roles": [role.name for role in submission.self_roles.all()],
        "saved_message": _statement_saved_message(submission),
    }
    return render(request, "submissions/statement_form.html", context)


def _statement_conflicts(submission: Submission) -> list[ConflictCopy]:
    """The kept copies of the statement, to merge where the conflict message points."""
    copies = list(
        submission.conflicts.filter(resolved=False, field="statement", interview=None)
        .select_related("created_by")
        .order_by("created_at")
    )
    roles = dict(taxonomy().objects.values_list("slug", "pk"))
    for copy in copies:
        # The check boxes' values (role ids), for "Use these role picks" (merge.js).
        picks = copy.roles or []
        copy.role_pks = " ".join(str(roles[slug]) for slug in picks if slug in roles)
    return copies


@require_POST
@login_required
def autosave_statement(request, pk):
    """Called by autosave.js while the coordinator types; answers JSON."""
    submission = _get_submission_for_user(request, pk, write=True)
    form = StatementForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        return JsonResponse({"ok": False, "error": errors}, status=400)
    try:
        result = services.save_statement(
            submission=submission,
            user=request.user,
            statement=form.cleaned_data["statement"],
            base_revision=form.cleaned_data["revision"],
            self_roles=form.cleaned_data["self_roles"] if "roles_sent" in request.POST else None,
        )
    except services.WorkflowError as error:
        return JsonResponse({"ok": False, "error": str(error)}, status=409)
    if result.conflict:
        # The same answer whether the text or the role picks lost (autosave.js reads it).
        message = _(
            "A colleague saved another version of the text or the role picks. Yours are "
            "kept; reload the page to compare and merge."
        )
        return JsonResponse(
            {"ok": False, "conflict": True, "error": message, "revision": None}, status=409
        )
    return JsonResponse(
        {
            "ok": True,
            "revision": result.submission.statement_revision,
            "message": _statement_saved_message(result.submission),
        }
    )


@require_POST
@login_required
def submit(request, pk):
    submission = _get_submission_for_user(request, pk, write=True)
    try:
        services.submit_submission(submission=submission, user=request.user)
    except services.SubmissionIncomplete as error:
        messages.error(
            request, _("The homework cannot be submitted yet: %s") % " ".join(error.problems)
        )
    except services.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you! The homework is submitted."))
    return redirect("submissions:detail", pk=pk)


@require_POST
@facilitator_required
def return_to_region(request, pk):
    submission = _get_submission_for_user(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment to the region before returning the homework."))
        return redirect("submissions:detail", pk=pk)
    try:
        services.return_submission(
            submission=submission, user=request.user, comment=form.cleaned_data["comment"]
        )
    except services.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The homework is returned to %s.") % submission.region)
    return redirect("submissions:detail", pk=pk)


@require_POST
@login_required
def resolve_conflict(request, pk, conflict_pk):
    submission = _get_submission_for_user(request, pk, write=True)
    conflict = get_object_or_404(ConflictCopy, pk=conflict_pk, submission=submission)
    conflict.resolved = True
    conflict.save(update_fields=["resolved"])
    messages.info(request, _("The kept copy is marked as merged."))
    if request.POST.get("back") == "statement" and submission.is_editable:
        return redirect("submissions:statement", pk=pk)  # merged on the statement page
    return redirect("submissions:detail", pk=pk)


@login_required
def versions(request, pk):
    submission = _get_submission_for_user(request, pk)
    return render(
        request,
        "submissions/versions.html",
        {"submission": submission, "versions": submission.versions.select_related("created_by")},
    )


@login_required
def version_detail(request, pk, number):
    submission = _get_submission_for_user(request, pk)
    version = get_object_or_404(submission.versions, number=number)
    return render(
        request,
        "submissions/version_detail.html",
        {
            "submission": submission,
            "version": version,
            "interviews": selectors.snapshot_interviews(version.snapshot),
            "roles": selectors.role_names(version.snapshot.get("self_roles", [])),
        },
    )


def _chosen_assignment(query: dict) -> Assignment | None:
    if query["assignment"]:
        return get_object_or_404(Assignment, pk=query["assignment"])
    return Assignment.objects.first()


@facilitator_required
def received(request):
    """Inkomna beskrivningar: every region's state for one assignment."""
    query = ReceivedQuery.read(request.GET)
    assignment = _chosen_assignment(query)
    sort = query["sort"]
    rows = selectors.received_rows(assignment=assignment, sort=sort) if assignment else []
    context = {
        "assignment": assignment,
        "assignments": Assignment.objects.all(),
        "rows": rows,
        "sort": sort,
        "submitted_count": sum(1 for r in rows if r.state == Submission.State.SUBMITTED),
        "late_count": sum(1 for r in rows if r.late),
    }
    return render(request, "submissions/received.html", context)


@facilitator_required
def received_csv(request):
    query = ReceivedQuery.read(request.GET)
    assignment = _chosen_assignment(query)
    if assignment is None:
        raise Http404
    rows = selectors.received_rows(assignment=assignment, sort=query["sort"])
    header = ["region", "state", "submitted_at", "late", "interviews", "deadline"]
    deadline = timezone.localtime(assignment.deadline).isoformat()
    content = csv_text(
        header,
        (
            [
                row.region.name,  # set in the admin: neutralised like every cell
                row.state,
                timezone.localtime(row.submitted_at).isoformat() if row.submitted_at else "",
                "yes" if row.late else "no",
                row.interview_count,
                deadline,
            ]
            for row in rows
        ),
    )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inkomna-{assignment.pk}.csv"'
    return response


@facilitator_required
def assignment_list(request):
    assignments = Assignment.objects.annotate(n_submissions=Count("submissions"))
    return render(request, "submissions/assignment_list.html", {"assignments": assignments})


@facilitator_required
def assignment_edit(request, pk=None):
    assignment = get_object_or_404(Assignment, pk=pk) if pk else None
    form = AssignmentForm(request.POST or None, instance=assignment)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The assignment is saved."))
        return redirect("submissions:assignments")
    return render(
        request, "submissions/assignment_form.html", {"form": form, "assignment": assignment}
    )
