from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, User


@admin.register(User)
class BeatbookUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Beatbook", {"fields": ("has_clearance", "units", "partner", "preferred_language")}),
    )
    list_display = ("username", "email", "has_clearance", "partner", "is_active", "is_staff")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
