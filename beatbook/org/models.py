"""The district's organisational units and its staff (minimal personal data)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beatbook.core.models import BeatbookModel, BilingualMixin


class Unit(BilingualMixin, BeatbookModel):
    """District, division or team (e.g. the district intelligence section, PCRO, traffic)."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("District")
        DIVISION = "division", _("Division")
        TEAM = "team", _("Team")

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.TEAM)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )

    objective_field = None

    class Meta:
        ordering = ["code"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return f"{self.code} {self.tr('name')}"

    @property
    def name(self) -> str:
        return self.tr("name")

    @classmethod
    def descendant_ids(cls, roots: Iterable[int]) -> set[int]:
        """``roots`` and every unit below them (the tree is small: one query, walked in memory)."""
        children: dict[int | None, list[int]] = {}
        for pk, parent in cls.objects.values_list("pk", "parent_id"):
            children.setdefault(parent, []).append(pk)
        found, stack = set(), list(roots)
        while stack:
            pk = stack.pop()
            if pk in found:
                continue
            found.add(pk)
            stack.extend(children.get(pk, []))
        return found


class Staff(BeatbookModel):
    """A member of staff: only what tasks need (name, rank class, unit, skills)."""

    class RankClass(models.TextChoices):
        REGULAR = "regular", _("Regular")
        AUXILIARY = "auxiliary", _("Auxiliary")
        CIVILIAN = "civilian", _("Civilian")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
        verbose_name=_("user account"),
    )
    display_name = models.CharField(_("name"), max_length=120)
    rank_class = models.CharField(_("rank class"), max_length=16, choices=RankClass.choices)
    rank = models.CharField(_("rank"), max_length=60, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="staff", verbose_name=_("unit"))
    skills = models.CharField(_("skills and interests"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)

    unit_scope_field = "unit"
    objective_field = None

    class Meta:
        ordering = ["unit__code", "display_name"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_rank_class_display()})"
