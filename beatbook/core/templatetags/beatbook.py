from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.simple_tag
def url_for(obj, action: str) -> str:
    """``{% url_for obj 'edit' %}`` -> ``<app>:<model>_edit`` for this object, or ""."""
    opts = obj._meta
    try:
        return reverse(f"{opts.app_label}:{opts.model_name}_{action}", kwargs={"pk": obj.pk})
    except NoReverseMatch:
        return ""


@register.filter
def field_rows(obj):
    """(verbose name, display value) for every concrete field of a record."""
    rows = []
    for field in obj._meta.concrete_fields:
        if field.name in {"id"}:
            continue
        display = getattr(obj, f"get_{field.name}_display", None)
        value = display() if callable(display) else getattr(obj, field.name)
        rows.append((field.verbose_name, "" if value is None else value))
    return rows


@register.filter
def tr(obj, field: str) -> str:
    """``{{ obj|tr:"title" }}``: the field in the active language (falls back to the other)."""
    return obj.tr(field) if obj is not None and hasattr(obj, "tr") else ""


STATUS_LABELS = {
    "on_track": _("on track"),
    "at_risk": _("at risk"),
    "off_track": _("off track"),
    "no_data": _("no data"),
}


@register.filter
def status_label(value: str) -> str:
    return str(STATUS_LABELS.get(value, value))


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
