from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import Membership, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["user__username", "user__email"]


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class MemberUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "email", "membership", "is_staff", "is_active"]
    list_select_related = ["membership__region"]
