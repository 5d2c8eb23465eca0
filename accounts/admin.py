from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Invitation, Preferences


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "state_label", "sent_at", "times_sent", "accepted_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    raw_id_fields = ["user", "invited_by"]
    date_hierarchy = "sent_at"

    @admin.display(description=_("state"))
    def state_label(self, invitation: Invitation) -> str:
        return Invitation.State(invitation.state()).label


@admin.register(Preferences)
class PreferencesAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "language",
        "mail_returned",
        "mail_published",
        "mail_reminders",
        "mail_hand_ins",
    ]
    list_filter = ["language", "mail_hand_ins"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
    raw_id_fields = ["user"]
