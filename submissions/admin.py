from django.contrib import admin

from reglab.text import NFCModelForm

from .models import Assignment, ConflictCopy, Submission, SubmissionVersion


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    form = NFCModelForm  # stored as the site stores it: NFC, LF line breaks
    list_display = ["title_sv", "deadline", "min_interviews"]


class VersionInline(admin.TabularInline):
    model = SubmissionVersion
    extra = 0
    fields = ["number", "event", "created_at", "created_by", "comment"]
    readonly_fields = fields


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    form = NFCModelForm
    list_display = ["region", "assignment", "state", "submitted_at"]
    list_filter = ["assignment", "state"]
    inlines = [VersionInline]


@admin.register(ConflictCopy)
class ConflictCopyAdmin(admin.ModelAdmin):
    form = NFCModelForm
    list_display = ["submission", "field", "created_at", "created_by", "resolved"]
