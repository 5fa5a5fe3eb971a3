"""Table base (django-tables2): a linked first column and the synthetic-data badge."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class BeatbookTable(tables.Table):
    synthetic = tables.Column(accessor="is_synthetic", verbose_name=_("Data"), orderable=False)

    class Meta:
        attrs = {"class": "table"}
        template_name = "core/table.html"

    def render_synthetic(self, value):
        if value:
            return format_html(
                '<span class="badge synthetic" title="{}">{}</span>',
                _("Made up for the demo; not a real record."),
                _("synthetic"),
            )
        return ""
