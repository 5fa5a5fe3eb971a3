"""The 5 x 5 risk matrix and its rating bands."""

import pytest

from beatbook.events import risk


@pytest.mark.parametrize(
    ("likelihood", "impact", "score", "band"),
    [
        (1, 1, 1, "low"),
        (2, 2, 4, "low"),
        (1, 4, 4, "low"),
        (1, 5, 5, "medium"),
        (2, 3, 6, "medium"),
        (3, 3, 9, "medium"),
        (2, 5, 10, "high"),
        (3, 4, 12, "high"),
        (4, 3, 12, "high"),
        (3, 5, 15, "extreme"),
        (4, 4, 16, "extreme"),
        (5, 5, 25, "extreme"),
    ],
)
def test_bands(likelihood, impact, score, band):
    assert risk.score(likelihood, impact) == score
    assert risk.band(likelihood, impact) == band


def test_every_cell_of_the_matrix_has_a_band_and_bands_rise_with_score():
    cells = [cell for row in risk.matrix() for cell in row]
    assert len(cells) == 25
    order = ["low", "medium", "high", "extreme"]
    for a in cells:
        for b in cells:
            if a["score"] < b["score"]:
                assert order.index(a["band"]) <= order.index(b["band"])
    assert risk.matrix()[0][4] == {"likelihood": 5, "impact": 5, "score": 25, "band": "extreme"}


@pytest.mark.parametrize("bad", [0, 6, -1, 2.5, True, "3", None])
def test_out_of_range_refused(bad):
    with pytest.raises(ValueError):
        risk.band(bad, 3)
    with pytest.raises(ValueError):
        risk.band(3, bad)


def test_factors_raise_the_suggested_likelihood():
    assert risk.suggested_likelihood(2, history=False, weather=False) == 2
    assert risk.suggested_likelihood(2, history=True, weather=True) == 4
    assert risk.suggested_likelihood(4, history=True, weather=True, counter_event=True) == 5
