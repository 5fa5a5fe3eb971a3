"""Bilingual (Traditional Chinese / English) messages shared by every engine module.

A :class:`Reason` is the unit the public pages show: a stable machine ``code`` plus the same sentence in
Chinese and English. Errors from normalisation and reasons for a verdict use the same type so the Django
app renders them with one template.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reason:
    """A bilingual explanation with a stable code (``{"code", "zh", "en"}`` when serialised)."""

    code: str
    zh: str
    en: str

    def as_dict(self) -> dict[str, str]:
        """Return the JSON-ready ``{"code", "zh", "en"}`` mapping."""
        return {"code": self.code, "zh": self.zh, "en": self.en}
