"""My settings (Mina inställningar): the language of a user's mails and which mails they
get. Every mail links here (templates/mail/base.txt)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reglab.models import is_facilitator, region_of

from .models import Preferences
from .settings_forms import PreferencesForm


def _role(user) -> str:
    if is_facilitator(user):
        return "facilitator"
    if region_of(user) is not None:
        return "coordinator"
    return "none"


@require_http_methods(["GET", "POST"])
@login_required
def settings_page(request):
    role = _role(request.user)
    if request.method == "POST":
        # The row is made on the first save; get_or_create copes with a double submit.
        preferences, _created = Preferences.objects.get_or_create(user=request.user)
        form = PreferencesForm(request.POST, instance=preferences, role=role)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your settings are saved."))
            return redirect("accounts:settings")
    else:
        preferences = Preferences.of(request.user)
        form = PreferencesForm(instance=preferences, role=role)
    return render(request, "accounts/settings.html", {"form": form, "role": role})
