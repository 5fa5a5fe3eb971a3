"""Weighted Displacement Quotient and the before/after test, on hand-computed examples."""

import math

import pytest

from beatbook.analysis.errors import AnalysisError
from beatbook.analysis.evaluation import (
    change_against_control,
    evaluate_impact,
    weighted_displacement_quotient,
)


def test_wdq_hand_computed_displacement():
    # A: 50 -> 30, B: 20 -> 28, C: 1000 -> 1000.
    # success = 30/1000 - 50/1000 = -0.02 ; displacement = 28/1000 - 20/1000 = 0.008 ; WDQ = -0.4
    assert math.isclose(weighted_displacement_quotient(50, 30, 20, 28, 1000, 1000), -0.4)


def test_wdq_hand_computed_diffusion_with_control_trend():
    # C doubles: A 40 -> 40 is a relative fall; B 10 -> 12 too.
    # success = 40/200 - 40/100 = -0.2 ; displacement = 12/200 - 10/100 = -0.04 ; WDQ = 0.2
    assert math.isclose(weighted_displacement_quotient(40, 40, 10, 12, 100, 200), 0.2)


@pytest.mark.parametrize(
    "counts",
    [(10, 5, 3, 3, 0, 10), (10, 5, 3, 3, 10, 0), (10, 10, 3, 5, 100, 100)],
    ids=["control empty before", "control empty after", "no change in A"],
)
def test_wdq_undefined_raises(counts):
    with pytest.raises(AnalysisError):
        weighted_displacement_quotient(*counts)


def test_wdq_refuses_negative_counts():
    with pytest.raises(AnalysisError, match="0 or more"):
        weighted_displacement_quotient(-1, 2, 3, 4, 5, 6)


def test_change_against_control_hand_computed():
    # Control is flat, so p0 = 0.5; 40 before and 10 after out of 50: binomial two-sided p is tiny.
    result = change_against_control(40, 10, 500, 500)
    assert result.expected_after == 25 and result.direction == "down" and result.beyond_normal_variation
    assert result.p_value < 1e-4
    # 12 vs 10 is within normal variation.
    assert not change_against_control(12, 10, 500, 500).beyond_normal_variation


def test_change_follows_the_control_trend():
    # The control doubled; so did the area: no change beyond the trend.
    result = change_against_control(20, 40, 100, 200)
    assert math.isclose(result.expected_after, 40) and not result.beyond_normal_variation


def test_no_crime_in_either_period_is_no_data_not_a_division_by_zero():
    result = evaluate_impact(0, 0, 0, 0, 100, 100)
    assert result.outcome == "no_data" and result.wdq is None and result.wdq_reason


def test_reduction_with_displacement_beyond_variation():
    result = evaluate_impact(80, 20, 20, 60, 1000, 1000)
    assert result.outcome == "reduction"
    # success = -0.06, displacement = +0.04 -> WDQ = -0.667: less than the gain.
    assert math.isclose(result.wdq, -2 / 3) and result.displacement == "displacement"


def test_reduction_with_diffusion_of_benefits():
    result = evaluate_impact(80, 20, 40, 20, 1000, 1000)
    assert result.outcome == "reduction" and result.wdq > 0 and result.displacement == "diffusion"


def test_increase_is_not_read_for_displacement():
    result = evaluate_impact(10, 40, 10, 10, 1000, 1000)
    assert result.outcome == "increase" and result.displacement == "not_applicable"
