"""People: the facilitators' page of the regions and their coordinators, invitations one
by one or from a file, and the page where an invitee chooses their password."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.forms import SetPasswordForm
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from reglab.access import facilitator_required
from reglab.models import Membership, Region

from . import csv_import, invitations
from .forms import ConfirmImportForm, ImportForm, InviteForm
from .invitations import InvitationError
from .tokens import invitation_token

User = get_user_model()

# As Django's PasswordResetConfirmView: the token moves from the link to the session, and
# the page's address holds this instead, so the token never leaks in a Referer header.
ACCEPT_URL_TOKEN = "set-password"
ACCEPT_SESSION_KEY = "_invitation_token"


def _get_coordinator(user_pk):
    """An active coordinator; 404 for a facilitator, a removed coordinator or no one."""
    queryset = User.objects.select_related("membership__region", "invitation")
    return get_object_or_404(
        queryset, pk=user_pk, is_active=True, membership__kind=Membership.Kind.COORDINATOR
    )


def _state(user, now) -> str:
    invitation = getattr(user, "invitation", None)
    return invitation.state(now) if invitation else "active"  # made in the admin


@facilitator_required
def coordinators(request):
    now = timezone.now()
    active = (
        Membership.objects.filter(kind=Membership.Kind.COORDINATOR, user__is_active=True)
        .select_related("user__invitation")
        .order_by("user__first_name", "user__last_name", "user__email")
    )
    regions = list(
        Region.objects.prefetch_related(Prefetch("memberships", active, to_attr="coordinators"))
    )
    for region in regions:
        for membership in region.coordinators:
            membership.state = _state(membership.user, now)
    people = [m for region in regions for m in region.coordinators]
    context = {
        "regions": regions,
        "logged_in": sum(any(m.user.last_login for m in r.coordinators) for r in regions),
        "waiting": sum(m.state == "invited" for m in people),
        "expired": sum(m.state == "expired" for m in people),
        "invitation_days": settings.INVITATION_DAYS,
    }
    return render(request, "accounts/coordinators.html", context)


@require_http_methods(["GET", "POST"])
@facilitator_required
def invite(request):
    if request.method == "POST":
        form = InviteForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = invitations.invite(
                    region=data["region"],
                    email=data["email"],
                    name=data["name"],
                    language=data["language"],
                    by=request.user,
                )
            except InvitationError as error:  # taken since the form checked it
                form.add_error("email", error.message)
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(name)s (%(email)s).")
                    % {"name": user.get_full_name(), "email": user.email},
                )
                return redirect("accounts:coordinators")
    else:
        form = InviteForm(initial={"region": request.GET.get("region", "")})
    context = {"form": form, "invitation_days": settings.INVITATION_DAYS}
    return render(request, "accounts/invite.html", context)


@require_http_methods(["GET", "POST"])
@facilitator_required
def import_csv(request):
    """Step 1 takes a file or pasted rows; step 2 previews every row and creates nothing;
    the confirmation checks the rows again and invites the good ones in one transaction."""
    if request.method == "POST" and "payload" in request.POST:
        return _confirm_import(request)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            return _preview(request, csv_import.check(form.cleaned_data["parsed"]))
    else:
        form = ImportForm()
    return render(request, "accounts/import.html", {"form": form})


def _preview(request, rows, confirm=None):
    bad = sum(not row.ok for row in rows)
    if confirm is None:
        confirm = ConfirmImportForm(initial={"payload": csv_import.sign(rows)}, bad=bad)
    context = {"rows": rows, "good": len(rows) - bad, "bad": bad, "confirm": confirm}
    return render(request, "accounts/import_preview.html", context)


def _confirm_import(request):
    try:
        rows, bad_in_preview = csv_import.unsign(request.POST["payload"])
    except csv_import.FileProblem as problem:
        messages.error(request, str(problem))
        return redirect("accounts:import")
    # Things may have changed since the preview: someone invited, a region renamed.
    rows = csv_import.check(rows)
    bad = [row.number for row in rows if not row.ok]
    good = [row for row in rows if row.ok]
    if bad != bad_in_preview:
        messages.warning(
            request, _("Something changed since the preview. Check the rows again, then send.")
        )
        return _preview(request, rows)
    if not good:
        messages.error(request, _("No row can be invited; correct the file and upload it again."))
        return _preview(request, rows)
    confirm = ConfirmImportForm(request.POST, bad=len(bad))
    if bad and not (confirm.is_valid() and confirm.cleaned_data["seen_errors"]):
        confirm.add_error(
            "seen_errors",
            _("Tick the box to confirm that the rows with errors will not be invited."),
        )
        return _preview(request, rows, confirm)
    try:
        with transaction.atomic():  # all of them or none; the mails go once it commits
            for row in good:
                invitations.invite(
                    region=row.region,
                    email=row.email,
                    name=row.name,
                    language=row.language,
                    by=request.user,
                )
    except InvitationError as error:
        messages.error(request, _("Nothing was sent: %(error)s") % {"error": error.message})
        return _preview(request, csv_import.check(rows))
    messages.success(
        request,
        ngettext("%(count)s invitation sent.", "%(count)s invitations sent.", len(good))
        % {"count": len(good)},
    )
    return redirect("accounts:coordinators")


@require_POST
@facilitator_required
def resend(request, user_pk):
    coordinator = _get_coordinator(user_pk)
    try:
        invitations.resend_invitation(user=coordinator, by=request.user)
    except InvitationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("A new invitation was sent to %(email)s; the earlier link no longer works.")
            % {"email": coordinator.email},
        )
    return redirect("accounts:coordinators")


@require_http_methods(["GET", "POST"])
@facilitator_required
def remove(request, user_pk):
    coordinator = _get_coordinator(user_pk)
    if request.method == "POST":
        invitations.remove_coordinator(user=coordinator, by=request.user)
        messages.success(
            request,
            _("%(name)s can no longer log in. The homework of %(region)s stays as it is.")
            % {
                "name": coordinator.get_full_name() or coordinator.email,
                "region": coordinator.membership.region,
            },
        )
        return redirect("accounts:coordinators")
    return render(request, "accounts/remove.html", {"coordinator": coordinator})


def _invitee(uidb64: str):
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.select_related("invitation", "membership__region").filter(pk=pk).first()


def _link_problem(user, token: str) -> str | None:
    """None for a link that works, else "used", "expired" or "invalid"."""
    invitation = getattr(user, "invitation", None) if user else None
    if invitation is None or not user.is_active:
        return "invalid"
    state = invitation_token.token_state(user, token)
    if state == "valid":
        return None
    if invitation.accepted_at:
        return "used"
    return "expired" if state == "expired" else "invalid"


def _link_failed(request, problem: str):
    # 410 Gone: the link was real but is spent; 404: it never led anywhere.
    status = 404 if problem == "invalid" else 410
    return render(request, "accounts/accept_failed.html", {"problem": problem}, status=status)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def accept(request, uidb64, token):
    """The invitee's link: choose a password, and be logged in."""
    user = _invitee(uidb64)
    if token != ACCEPT_URL_TOKEN:
        problem = _link_problem(user, token)
        if problem:
            return _link_failed(request, problem)
        if request.user.is_authenticated and request.user.pk != user.pk:
            # Someone else's session in this browser (a facilitator trying the link):
            # the invitee's page must not act as them.
            logout(request)
        request.session[ACCEPT_SESSION_KEY] = token
        return redirect("accounts:accept", uidb64=uidb64, token=ACCEPT_URL_TOKEN)
    problem = _link_problem(user, request.session.get(ACCEPT_SESSION_KEY, ""))
    if problem:
        return _link_failed(request, problem)
    form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        invitations.accept(user=user, password=form.cleaned_data["new_password1"])
        del request.session[ACCEPT_SESSION_KEY]
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your password is set. Welcome to REGLAB's homework portal."))
        return redirect("home")
    return render(request, "accounts/accept.html", {"invitee": user, "form": form})
