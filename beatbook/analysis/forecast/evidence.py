"""How much validation evidence says a candidate beats the baseline (naive): the rule ``auto`` applies.

Input: for each validation day, each candidate's hits at each coverage and the best possible hits
(see :func:`beatbook.analysis.scoring.score_day`). The day-level score of a candidate is the mean over
coverages of ``hits / (pooled best possible hits + 1)``, so the sum over days is the candidate's
pooled PEI averaged over coverages. The paired day-level differences to the baseline are summed in
blocks of ``block_days`` consecutive days (a week: neighbouring days share most of their input data,
so single days are not independent) and the total gain gets a standard error from the spread of the
block sums. A candidate replaces the baseline only when all of these hold:

1. the validation holds at least ``min_events`` events and ``min_blocks`` blocks;
2. the one-sided lower confidence bound of its relative gain is above ``min_gain`` (1%), at
   ``confidence`` after a Bonferroni correction for the number of candidates compared (so ten
   candidates cannot win by luck one time in two). The margin keeps naive when the gain, however
   certain on many events, is too small to outlast the drift between validation and forecast months;
3. it gains in most of the ``folds`` consecutive parts of the validation period (not only in one);
4. at no coverage does it lose more than ``coverage_tolerance`` of the baseline's hits plus the
   sampling noise of those hits (``1 / sqrt(baseline hits)``, one Poisson standard deviation, but
   never more than ``coverage_noise_cap``, 5%): a real loss at one coverage vetoes a candidate
   however well it does at the others, but 95 hits against 97 does not; on sparse data, where
   the noise is large, the cap keeps the veto strict.

Among the candidates that pass, the one with the highest *shrunken* gain is chosen: the gain times
``prior_sd**2 / (prior_sd**2 + se**2)``, the posterior mean of the true gain under a normal prior
centred on no gain (naive) with a standard deviation of ``prior_sd`` (10%). The fewer validation
events, the larger ``se`` and the stronger the pull toward naive; with thousands of events the
shrinkage is negligible and the largest gain wins. (Choosing the highest lower bound instead would
favour a small certain gain over a large, almost as certain one.)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np


@dataclass(frozen=True)
class EvidenceRule:
    """Thresholds of the selection rule (see the module docstring)."""

    confidence: float = 0.95
    block_days: int = 7
    folds: int = 3
    min_events: int = 100
    min_blocks: int = 6
    coverage_tolerance: float = 0.01
    coverage_noise_cap: float = 0.05
    min_gain: float = 0.01
    prior_sd: float = 0.10

    def z(self, comparisons: int) -> float:
        """One-sided normal quantile with a Bonferroni correction for ``comparisons`` candidates."""
        alpha = (1.0 - self.confidence) / max(comparisons, 1)
        return NormalDist().inv_cdf(1.0 - alpha)


def compare(
    hits: np.ndarray,
    best: np.ndarray,
    events: np.ndarray,
    labels: Sequence[str],
    rule: EvidenceRule,
    baseline: int = 0,
) -> dict[str, Any]:
    """Decide between the baseline and the other candidates.

    ``hits``: array (candidates, days, coverages); ``best``: (days, coverages) best possible hits;
    ``events``: (days,) scored events per day; ``labels``: one per candidate. Returns ``{"choice"
    (index), "reason", "events", "days", "candidates": [{label, score, gain, gain_lower, ...}]}``.
    """
    n_cand, n_days, _ = hits.shape
    n_events = int(events.sum())
    norm = best.sum(axis=0) + 1.0
    daily = (hits / norm).mean(axis=2)  # (candidates, days)
    totals = hits.sum(axis=1)  # (candidates, coverages)
    base_score = float(daily[baseline].sum())
    n_blocks = n_days // rule.block_days
    start = n_days - n_blocks * rule.block_days  # drop the oldest days that do not fill a block
    z = rule.z(n_cand - 1)
    fold_edges = np.linspace(0, n_days, rule.folds + 1).astype(int)
    rows: list[dict[str, Any]] = []
    for c in range(n_cand):
        diff = daily[c] - daily[baseline]
        gain = float(diff.sum())
        if n_blocks >= 2:
            blocks = diff[start:].reshape(n_blocks, rule.block_days).sum(axis=1)
            se = float(np.sqrt(n_blocks * blocks.var(ddof=1))) * (n_days / max(n_days - start, 1))
        else:
            se = math.inf
        folds_won = sum(
            1 for a, b in zip(fold_edges, fold_edges[1:], strict=False) if b > a and diff[a:b].sum() > 0
        )
        ratio = np.divide(
            totals[c], totals[baseline], out=np.ones(totals.shape[1]), where=totals[baseline] > 0
        )
        noise = np.minimum(1.0 / np.sqrt(np.maximum(totals[baseline], 1.0)), rule.coverage_noise_cap)
        floor = 1.0 - rule.coverage_tolerance - noise
        rows.append(
            {
                "label": labels[c],
                "score": round(float(daily[c].sum()), 6),
                "gain": round(gain / base_score, 4) if base_score > 0 else 0.0,
                "gain_lower": round((gain - z * se) / base_score, 4)
                if base_score > 0 and se < math.inf
                else None,
                "folds_won": folds_won,
                "worst_coverage_ratio": round(float(ratio.min()), 4),
                "shrunk_gain": round(_shrink(gain, se, base_score, rule.prior_sd), 4),
                "_ok": bool(
                    c != baseline
                    and base_score > 0
                    and (gain - z * se) / base_score > rule.min_gain
                    and folds_won * 2 > rule.folds
                    and bool(np.all(ratio >= floor))
                ),
            }
        )
    choice = baseline
    kept = f"{labels[baseline]} kept"
    # ``decision`` is the reason as a code (for translated display): few_events, few_days,
    # no_confident_gain or changed.
    decision = "no_confident_gain"
    if n_events < rule.min_events:
        decision = "few_events"
        reason = f"{n_events} events in validation (fewer than {rule.min_events}): {kept}"
    elif n_blocks < rule.min_blocks:
        decision = "few_days"
        reason = (
            f"{n_days} validation days (fewer than {rule.min_blocks} blocks of {rule.block_days}): {kept}"
        )
    else:
        passing = [c for c in range(n_cand) if rows[c]["_ok"]]
        if passing:
            choice = max(passing, key=lambda c: rows[c]["shrunk_gain"])
            decision = "changed"
            r = rows[choice]
            reason = (
                f"{r['label']} gains {100 * r['gain']:+.1f}% over {labels[baseline]} on {n_events} validation events "
                f"({100 * rule.confidence:.0f}% lower bound {100 * r['gain_lower']:+.1f}%, shrunk "
                f"{100 * r['shrunk_gain']:+.1f}%, "
                f"{r['folds_won']} of {rule.folds} folds won)"
            )
        else:
            reason = (
                f"no candidate beat {labels[baseline]} with {100 * rule.confidence:.0f}% confidence on "
                f"{n_events} validation events: {kept}"
            )
    for r in rows:
        r.pop("_ok")
    return {
        "choice": choice,
        "decision": decision,
        "gain": rows[choice]["gain"],
        "gain_lower": rows[choice]["gain_lower"],
        "reason": reason,
        "events": n_events,
        "days": n_days,
        "z": round(z, 3),
        "candidates": rows,
    }


def _shrink(gain: float, se: float, base_score: float, prior_sd: float) -> float:
    """Relative gain pulled toward 0 by its uncertainty (normal prior with sd ``prior_sd``)."""
    if base_score <= 0 or not math.isfinite(se):
        return 0.0
    g, s = gain / base_score, se / base_score
    return g * prior_sd**2 / (prior_sd**2 + s**2)
