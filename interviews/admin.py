from django.contrib import admin

from reglab.text import NFCModelForm

from .models import Interview, Quote


class QuoteInline(admin.TabularInline):
    model = Quote
    form = NFCModelForm  # stored as the site stores it: NFC, LF line breaks
    extra = 0


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    form = NFCModelForm
    list_display = ["organisation", "actor_type", "submission", "interview_date", "consent"]
    list_filter = ["actor_type", "consent", "submission__region"]
    inlines = [QuoteInline]
