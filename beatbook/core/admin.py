"""Django admin for every model: ``register_app_models(label)`` in each app's admin.py."""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin


class BeatbookAdmin(admin.ModelAdmin):
    """Admin whose changelist honours the handling code and unit scope like the rest of the app."""

    list_per_page = 50

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.visible_to(request.user) if hasattr(qs, "visible_to") else qs

    def get_list_display(self, request):
        fields = [f.name for f in self.model._meta.concrete_fields][:6]
        return fields or ["__str__"]


def register_app_models(app_label: str, admin_class=BeatbookAdmin) -> None:
    for model in apps.get_app_config(app_label).get_models():
        if not admin.site.is_registered(model):
            admin.site.register(model, admin_class)
