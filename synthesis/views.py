from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reglab.access import facilitator_required
from reglab.models import Region, is_facilitator, region_of
from reglab.query import redirect_back
from submissions.models import Submission

from . import selectors, services
from .forms import AddTagForm, FilterQuery, MergeForm, RoleForm
from .models import Role, Tag
from .tasks import request_retag


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
    context = {
        "page": page,
        "items": items,
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
    services.review_tag(tag=tag, user=request.user, decision=decision)
    if _wants_json(request):
        return JsonResponse({"ok": True, "review": tag.review, "label": tag.get_review_display()})
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
    return redirect("synthesis:submission", pk=pk)


@facilitator_required
def agreement(request):
    rows = selectors.agreement()
    return render(request, "synthesis/agreement.html", {"rows": rows})


@facilitator_required
def taxonomy(request):
    context = {
        "roles": Role.objects.all(),
        "merge_form": MergeForm(),
        "changes": services.recent_changes(),
    }
    return render(request, "synthesis/taxonomy.html", context)


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
