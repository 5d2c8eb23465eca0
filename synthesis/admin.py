from django.contrib import admin

from .models import Role, Tag


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_sv", "name_en", "is_active", "position"]
    list_editable = ["is_active", "position"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """A facilitator can correct a tag here too; the review queue is the usual place."""

    list_display = ["role", "submission", "field", "match", "source", "review"]
    list_filter = ["review", "source", "field", "role"]
    search_fields = ["match"]
    raw_id_fields = ["submission", "interview", "quote", "reviewed_by"]
