from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reglab.access import facilitator_required
from reglab.models import Region, is_facilitator, region_of
from reglab.query import redirect_back
from submissions.models import Submission

from . import learning, selectors, services, suggestions, tasks
from .forms import AddTagForm, CueForm, FilterQuery, MergeForm, RoleForm
from .models import Proposal, Role, Tag
from .tasks import request_retag

PROPOSALS_SHOWN = 25  # on the queue's first page, above the tags


def _wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _back(request, fallback: str):
    return redirect_back(request, fallback)


@facilitator_required
def queue(request):
    """The tags nobody has reviewed yet, for a fast pass with the keyboard."""
    tags = (
        Tag.objects.unreviewed()
        .filter(source=Tag.Source.AUTO)
        .select_related("role", "submission__region", "interview")
        .order_by("submission__region__position", "field", "interview_id", "quote_id", "start")
    )
    query = FilterQuery.read(request.GET)
    role, region = query["role"], query["region"]
    if role:
        tags = tags.filter(role__slug=role)
    if region:
        tags = tags.filter(submission__region__slug=region)
    page = Paginator(tags, 25).get_page(query["page"])
    items = [(tag, selectors.sentence_segments(tag)) for tag in page]
    # The model's proposals (never counted until confirmed), the most confident first.
    proposals = selectors.queued_proposals(role=role, region=region)
    shown = list(proposals[:PROPOSALS_SHOWN]) if page.number == 1 else []
    context = {
        "page": page,
        "items": items,
        "proposals": [(p, selectors.proposal_segments(p)) for p in shown],
        "proposal_total": proposals.count(),
        "roles": Role.objects.active(),
        "regions": Region.objects.all(),
        "role": role,
        "region": region,
        "total": page.paginator.count,
    }
    return render(request, "synthesis/queue.html", context)


@require_POST
@facilitator_required
def review(request, pk):
    tag = get_object_or_404(Tag, pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "reject", "reset"):
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": _("Unknown decision.")}, status=400)
        messages.error(request, _("Unknown decision."))
        return _back(request, "synthesis:queue")
    if tag.source == Tag.Source.MODEL and decision == "reset":
        # A decision on a proposal taken back: it is a proposal again, not a tag.
        proposal = learning.undo(tag=tag)
        if _wants_json(request):
            action = reverse("synthesis:proposal_review", args=[proposal.pk]) if proposal else ""
            label = _("Proposal")
            return JsonResponse(
                {"ok": True, "review": "unreviewed", "label": label, "action": action}
            )
        return _back(request, "synthesis:queue")
    services.review_tag(tag=tag, user=request.user, decision=decision)
    if decision != "reset":
        tasks.after_decision()
    if _wants_json(request):
        return JsonResponse({"ok": True, "review": tag.review, "label": tag.get_review_display()})
    return _back(request, "synthesis:queue")


@require_POST
@facilitator_required
def proposal_review(request, pk):
    """Confirm a proposal of the model (a counted tag) or reject it (kept as a decision)."""
    proposal = get_object_or_404(Proposal, pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "reject"):
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": _("Unknown decision.")}, status=400)
        messages.error(request, _("Unknown decision."))
        return _back(request, "synthesis:queue")
    tag = learning.decide(proposal=proposal, user=request.user, decision=decision)
    tasks.after_decision()
    if _wants_json(request):
        # Undo goes to the tag now: the form's action changes with it.
        action = reverse("synthesis:review", args=[tag.pk])
        data = {"review": tag.review, "label": tag.get_review_display(), "action": action}
        return JsonResponse({"ok": True, **data})
    return _back(request, "synthesis:queue")


@login_required
def submission_tags(request, pk):
    """A submission's texts with highlighted evidence: reviewed by facilitators, read by
    the region's coordinators once the homework is returned or the synthesis published."""
    submission = get_object_or_404(
        Submission.objects.select_related("region", "assignment"), pk=pk
    )
    facilitator = is_facilitator(request.user)
    if not facilitator:
        if region_of(request.user) != submission.region:
            raise Http404
        visible = (
            submission.state == Submission.State.RETURNED
            or submission.assignment.published_at is not None
        )
        if not visible:
            raise Http404
    context = {
        "submission": submission,
        "texts": selectors.review_texts(submission),
        "self_roles": submission.self_roles.all(),
        "roles": Role.objects.active(),
        "can_review": facilitator,
    }
    return render(request, "synthesis/submission_tags.html", context)


@require_POST
@facilitator_required
def add_tag(request, pk):
    submission = get_object_or_404(Submission, pk=pk)
    form = AddTagForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Select some text and a role before adding a tag."))
        return redirect("synthesis:submission", pk=pk)
    data = form.cleaned_data
    try:
        services.add_manual_tag(
            submission=submission,
            user=request.user,
            role=data["role"],
            field=data["field"],
            start=data["start"],
            end=data["end"],
            interview_id=data["interview"],
            quote_id=data["quote"],
        )
    except services.TagSpanError:
        messages.error(request, _("The selected text could not be found; select it again."))
    else:
        messages.success(request, _("Tag added: %s") % data["role"].name)
        tasks.after_decision()
    return redirect("synthesis:submission", pk=pk)


@facilitator_required
def agreement(request):
    context = {"rows": selectors.agreement(), "learned": selectors.model_agreement()}
    return render(request, "synthesis/agreement.html", context)


@require_POST
@facilitator_required
def train(request):
    """Train the model on the decisions now, rather than after the next N decisions."""
    if tasks.request_training():
        messages.success(request, _("The model is trained."))
    else:
        messages.info(
            request, _("The model is being trained in the background; this takes a minute.")
        )
    return redirect("synthesis:agreement")


@facilitator_required
def taxonomy(request):
    found = suggestions.suggestions()
    roles = list(Role.objects.all())
    rows = [
        (role, found.cues.get(role.pk) or [suggestions.CueStat(role, c) for c in role.cues])
        for role in roles
    ]
    context = {
        "rows": rows,
        "flagged": found.flagged,
        "new_cues": found.new,
        "low_precision": round(100 * suggestions.LOW_PRECISION),
        "min_decisions": suggestions.MIN_DECISIONS,
        "merge_form": MergeForm(),
        "changes": services.recent_changes(),
    }
    return render(request, "synthesis/taxonomy.html", context)


@require_POST
@facilitator_required
def cue(request, pk):
    """Accept a suggestion with one click: add a cue to a role or drop one, and re-tag as
    the role form does."""
    role = get_object_or_404(Role, pk=pk)
    form = CueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The suggestion could not be applied."))
        return redirect("synthesis:taxonomy")
    action, words = form.cleaned_data["action"], form.cleaned_data["cue"]
    if not suggestions.cue_changed(role, **{action: words}):
        messages.info(request, _("Nothing to change: the cue words are so already."))
        return redirect("synthesis:taxonomy")
    role.save(update_fields=["cues"])
    change = services.record_change(
        user=request.user, description=f"{action} cue «{words}» ({role.slug})"
    )
    _after_change(request, change)
    return redirect("synthesis:taxonomy")


def _after_change(request, change):
    if request_retag(change):
        messages.success(request, _("All texts are re-tagged with the new taxonomy."))
    else:
        messages.info(
            request, _("The texts are being re-tagged in the background; this takes a minute.")
        )


@facilitator_required
def role_edit(request, pk=None):
    role = get_object_or_404(Role, pk=pk) if pk else None
    form = RoleForm(request.POST or None, instance=role)
    if request.method == "POST" and form.is_valid():
        role = form.save()
        verb = "edit" if pk else "add"
        change = services.record_change(user=request.user, description=f"{verb} {role.slug}")
        _after_change(request, change)
        return redirect("synthesis:taxonomy")
    return render(request, "synthesis/role_form.html", {"form": form, "role": role})


@require_POST
@facilitator_required
def merge(request):
    form = MergeForm(request.POST)
    if not form.is_valid():
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect("synthesis:taxonomy")
    change = services.merge_roles(
        source=form.cleaned_data["source"], target=form.cleaned_data["target"], user=request.user
    )
    _after_change(request, change)
    return redirect("synthesis:taxonomy")


@require_POST
@facilitator_required
def retire(request, pk):
    role = get_object_or_404(Role, pk=pk)
    if request.POST.get("undo"):
        role.is_active = True
        role.save(update_fields=["is_active"])
        change = services.record_change(user=request.user, description=f"restore {role.slug}")
    else:
        change = services.retire_role(role=role, user=request.user)
    _after_change(request, change)
    return redirect("synthesis:taxonomy")
