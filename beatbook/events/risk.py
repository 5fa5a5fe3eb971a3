"""The 5 x 5 risk matrix: likelihood x impact, each 1 (lowest) to 5 (highest).

Bands of the score (likelihood x impact): 1-4 low, 5-9 medium, 10-14 high, 15-25 extreme. The products a
5 x 5 matrix can give are 1-6, 8-10, 12, 15, 16, 20 and 25, so e.g. 3 x 3 = 9 is medium and 3 x 4 = 12 high.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

BANDS: tuple[tuple[int, str], ...] = ((4, "low"), (9, "medium"), (14, "high"), (25, "extreme"))
BAND_LABELS = {"low": _("Low"), "medium": _("Medium"), "high": _("High"), "extreme": _("Extreme")}
FACTOR_LABELS = {
    "crowd_density": _("Expected crowd density"),
    "history": _("History of disorder at similar events"),
    "weather": _("Adverse weather expected"),
    "counter_event": _("Opposing groups or counter-events"),
    "vip": _("VIPs or high-profile participants"),
}


def score(likelihood: int, impact: int) -> int:
    """Likelihood x impact; both must be whole numbers 1-5."""
    for name, value in (("likelihood", likelihood), ("impact", impact)):
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            raise ValueError(f"{name} must be a whole number from 1 to 5, got {value!r}")
    return likelihood * impact


def band(likelihood: int, impact: int) -> str:
    """The rating band (low / medium / high / extreme) of a likelihood and impact."""
    value = score(likelihood, impact)
    return next(name for limit, name in BANDS if value <= limit)


def suggested_likelihood(
    crowd_density: int, history: bool, weather: bool, counter_event: bool = False
) -> int:
    """A starting likelihood from the factors: the crowd density, one step up per aggravating factor (max 5)."""
    if not 1 <= crowd_density <= 5:
        raise ValueError("crowd density must be 1 to 5")
    return min(5, crowd_density + int(history) + int(weather) + int(counter_event))


def matrix() -> list[list[dict]]:
    """Rows from impact 5 down to 1, each cell {likelihood, impact, score, band} (for drawing the grid)."""
    return [
        [{"likelihood": li, "impact": im, "score": li * im, "band": band(li, im)} for li in range(1, 6)]
        for im in range(5, 0, -1)
    ]
