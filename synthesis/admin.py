from django.contrib import admin

from .models import Role


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_sv", "name_en", "is_active", "position"]
    list_editable = ["is_active", "position"]
