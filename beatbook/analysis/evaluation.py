"""Did an operation work? Before/after counts against a control area and the displacement check.

Crime analysts judge a place-based operation with three areas over two equal periods:

* **A**, the treated area (where the operation ran);
* **B**, a buffer ring around A (where crime could move "next door");
* **C**, a control area the operation did not touch (the rest of the district), which carries the
  background trend (seasons, city-wide changes).

The **Weighted Displacement Quotient** (Bowers and Johnson 2003, *Journal of Quantitative Criminology*
19(3)) relates the change in B to the change in A, each measured against C::

    WDQ = (B_after/C_after - B_before/C_before) / (A_after/C_after - A_before/C_before)

Read only when A improved relative to C beyond normal variation (the denominator is negative): WDQ > 0 means a diffusion of
benefits into the buffer, WDQ < 0 means displacement; WDQ < -1 means displacement outweighed the gain.

"Beyond normal variation" uses the conditional test for two Poisson counts: given n = before + after
events in A, the after count is binomial(n, p0), where p0 is the share of C's events that fell in the
after period (the expected split when A follows the control's trend). No Django here.
"""

from __future__ import annotations

from dataclasses import dataclass

from scipy import stats

from .errors import AnalysisError

# Conventional 5% level for "beyond normal variation" in the plain-words labels.
SIGNIFICANCE = 0.05


def _check_counts(**counts: float) -> None:
    for name, value in counts.items():
        if value is None or value < 0:
            raise AnalysisError(f"{name} must be a count of 0 or more, got {value!r}")


def weighted_displacement_quotient(
    a_before: float, a_after: float, b_before: float, b_after: float, c_before: float, c_after: float
) -> float:
    """Return the Weighted Displacement Quotient of Bowers and Johnson (2003).

    Raises ``AnalysisError`` where it is undefined: a control area with no crime in either period, or
    no change in the treated area relative to the control (a zero denominator).
    """
    _check_counts(
        a_before=a_before,
        a_after=a_after,
        b_before=b_before,
        b_after=b_after,
        c_before=c_before,
        c_after=c_after,
    )
    if c_before == 0 or c_after == 0:
        raise AnalysisError("The control area needs crime in both periods for the WDQ to be defined.")
    success = a_after / c_after - a_before / c_before
    if success == 0:
        raise AnalysisError("Crime in the treated area did not change relative to the control area.")
    displacement = b_after / c_after - b_before / c_before
    return displacement / success


@dataclass(frozen=True)
class ChangeTest:
    """A before/after change in one area, judged against the control area's trend."""

    before: int
    after: int
    expected_after: float  # after-count expected if the area had followed the control's trend
    p_value: float  # two-sided
    direction: str  # "down", "up" or "same"
    beyond_normal_variation: bool


def change_against_control(before: int, after: int, c_before: int, c_after: int) -> ChangeTest:
    """Test whether ``after`` differs from what the control's trend predicts (conditional binomial test).

    With no events in the area in both periods there is nothing to test: p = 1, "same".
    """
    _check_counts(before=before, after=after, c_before=c_before, c_after=c_after)
    n = int(before + after)
    # Without control events, assume equal periods with no trend (p0 = 0.5).
    p0 = c_after / (c_before + c_after) if (c_before + c_after) > 0 else 0.5
    p0 = min(max(p0, 1e-9), 1 - 1e-9)
    expected = n * p0
    if n == 0:
        return ChangeTest(int(before), int(after), 0.0, 1.0, "same", False)
    p_value = float(stats.binomtest(int(after), n, p0, alternative="two-sided").pvalue)
    direction = "down" if after < expected else "up" if after > expected else "same"
    return ChangeTest(int(before), int(after), expected, p_value, direction, p_value < SIGNIFICANCE)


@dataclass(frozen=True)
class ImpactEvaluation:
    """Everything the operation page shows, as codes the page turns into words."""

    treated: ChangeTest
    buffer: ChangeTest
    control_before: int
    control_after: int
    wdq: float | None
    wdq_reason: str  # why the WDQ is missing, or ""
    outcome: str  # "reduction", "increase", "no_change", "no_data"
    displacement: str  # "diffusion", "displacement", "displacement_exceeds", "none", "not_applicable"


def evaluate_impact(
    a_before: int, a_after: int, b_before: int, b_after: int, c_before: int, c_after: int
) -> ImpactEvaluation:
    """Judge an operation from the six counts (equal before and after periods)."""
    treated = change_against_control(a_before, a_after, c_before, c_after)
    buffer = change_against_control(b_before, b_after, c_before, c_after)
    wdq: float | None
    try:
        wdq = weighted_displacement_quotient(a_before, a_after, b_before, b_after, c_before, c_after)
        wdq_reason = ""
    except AnalysisError as exc:
        wdq, wdq_reason = None, str(exc)
    if a_before + a_after == 0:
        outcome = "no_data"
    elif treated.beyond_normal_variation:
        outcome = "reduction" if treated.direction == "down" else "increase"
    else:
        outcome = "no_change"
    # The WDQ is only read when crime in A fell relative to C (its denominator is negative) and that
    # fall is itself beyond normal variation: a noisy "success" would make any WDQ meaningless.
    if outcome != "reduction" or wdq is None:
        displacement = "not_applicable"
    elif wdq > 0:
        displacement = "diffusion"
    elif wdq < 0 and buffer.beyond_normal_variation and buffer.direction == "up":
        # Only claim displacement when the buffer's rise is itself beyond normal variation.
        displacement = "displacement_exceeds" if wdq < -1 else "displacement"
    else:
        displacement = "none"
    return ImpactEvaluation(
        treated, buffer, int(c_before), int(c_after), wdq, wdq_reason, outcome, displacement
    )
