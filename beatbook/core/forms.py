"""Form base: every model form knows the user, so choice fields only offer what the user may see."""

from __future__ import annotations

from django import forms

from .models import RestrictedQuerySet


class BeatbookModelForm(forms.ModelForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if user is not None and isinstance(qs, RestrictedQuerySet):
                field.queryset = qs.visible_to(user)
            widget = field.widget
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
            elif isinstance(widget, forms.DateTimeInput):
                widget.input_type = "datetime-local"


class DateInput(forms.DateInput):
    input_type = "date"
