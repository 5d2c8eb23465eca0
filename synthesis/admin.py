from django.contrib import admin

from reglab.text import NFCModelForm

from .models import Role, Tag


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    form = NFCModelForm  # stored as the site stores it: NFC, LF line breaks
    list_display = ["slug", "name_sv", "name_en", "is_active", "position"]
    list_editable = ["is_active", "position"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """A facilitator can correct a tag here too; the review queue is the usual place."""

    list_display = ["role", "submission", "field", "match", "source", "review"]
    list_filter = ["review", "source", "field", "role"]
    search_fields = ["match"]
    form = NFCModelForm
    raw_id_fields = ["submission", "interview", "quote", "reviewed_by"]
