"""The default crime-category taxonomy and the plan objectives each category serves.

Codes are stable (indicator computations in the plan file name them: ``robbery``, ``wounding`` ...);
names, objective links and flags can be changed on the category pages.
"""

from __future__ import annotations

# code, Chinese name, English name, objective code, origin, quick-cash crime
DEFAULT_CATEGORIES: list[tuple[str, str, str, str, str, bool]] = [
    ("robbery", "行劫", "Robbery", "AP-VIOLENT-2", "victim_reported", True),
    ("burglary", "爆竊", "Burglary", "AP-TRIAD-OC-1", "victim_reported", True),
    ("theft", "盜竊及搶掠", "Theft and snatching", "AP-FRAUD-2", "victim_reported", True),
    ("deception", "詐騙", "Deception", "AP-FRAUD-1", "victim_reported", True),
    ("wounding", "傷人及嚴重毆打", "Wounding and serious assault", "AP-VIOLENT-1", "victim_reported", False),
    ("drugs", "毒品罪行", "Drug offences", "AP-DRUGS-TRAF-1", "enforcement_driven", False),
    ("triad", "三合會相關罪行", "Triad-related crime", "AP-TRIAD-SOC-1", "enforcement_driven", False),
    ("criminal_damage", "刑事毀壞", "Criminal damage", "AP-VIOLENT-1", "victim_reported", False),
    ("cyber", "科技罪案", "Cyber crime", "AP-CYBER-2", "victim_reported", False),
    (
        "public_order",
        "擾亂公眾秩序",
        "Public order offences",
        "AP-SAFETY-EVENTS-4",
        "enforcement_driven",
        False,
    ),
    ("sexual", "性罪行", "Sexual offences", "AP-VIOLENT-1", "victim_reported", False),
    ("other", "其他罪行", "Other offences", "", "victim_reported", False),
]


def seed_categories(Category=None, Objective=None) -> int:  # noqa: N803 (historical models in migrations)
    """Create missing default categories and link unlinked ones to their plan objective; returns created."""
    if Category is None:
        from .models import Category
    if Objective is None:
        from beatbook.plan.models import Objective
    objectives = {
        o.code: o for o in Objective.objects.filter(code__in=[c[3] for c in DEFAULT_CATEGORIES if c[3]])
    }
    created = 0
    for order, (code, zh, en, objective_code, origin, quick_cash) in enumerate(DEFAULT_CATEGORIES):
        category = Category.objects.filter(code=code).first()
        if category is None:
            Category.objects.create(
                code=code,
                name_zh=zh,
                name_en=en,
                origin=origin,
                quick_cash=quick_cash,
                order=(order + 1) * 10,
                objective=objectives.get(objective_code),
            )
            created += 1
        elif category.objective_id is None and objectives.get(objective_code):
            category.objective = objectives[objective_code]
            category.save(update_fields=["objective", "updated_at"])
    return created
