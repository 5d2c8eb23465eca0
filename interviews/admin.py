from django.contrib import admin

from .models import Interview, Quote


class QuoteInline(admin.TabularInline):
    model = Quote
    extra = 0


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["organisation", "actor_type", "submission", "interview_date", "consent"]
    list_filter = ["actor_type", "consent", "submission__region"]
    inlines = [QuoteInline]
