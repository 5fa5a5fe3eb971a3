"""Fuzzy matching of account holder names (bank bulk check: "is this payee close to a reported one?").

Names are compared after NFKC, Simplified -> Traditional (OpenCC), lower-casing, removing titles
(Mr, Ms, 先生, 小姐 ...) and punctuation, so ``CHAN, Tai-man`` matches ``TAI MAN CHAN`` and
``陈大文`` matches ``陳大文``. Scores are rapidfuzz token-sort ratios (0-100).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

from opencc import OpenCC
from rapidfuzz import fuzz, process, utils

from .verdict import NameMatch

DEFAULT_THRESHOLD = 88.0
_TITLES = re.compile(r"\b(?:mr|mrs|ms|miss|mdm|madam|dr|sir)\b\.?|先生|小姐|女士|太太|生$|姐$", re.IGNORECASE)


@cache
def _s2t() -> OpenCC:
    return OpenCC("s2t")


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """Canonical comparison form of a person's or company's name."""
    text = unicodedata.normalize("NFKC", name)
    if _has_cjk(text):
        text = _s2t().convert(text)
    text = _TITLES.sub(" ", text.lower())
    text = re.sub(r"[\s\-,.'’()（）·•]+", " ", text).strip()
    if _has_cjk(text):
        text = text.replace(" ", "")  # Chinese names have no meaningful spaces
    return text


def match_account_names(
    name: str, reported_names: Iterable[str], *, threshold: float = DEFAULT_THRESHOLD, limit: int = 5
) -> list[NameMatch]:
    """Reported names that score at least ``threshold`` against ``name``, best first.

    Names shorter than 2 characters after normalisation never match (too many collisions).
    """
    if not 0 < threshold <= 100:
        raise ValueError("threshold must be in (0, 100]")
    query = normalize_name(name)
    if len(query) < 2:
        return []
    names = list(dict.fromkeys(reported_names))
    keys = [normalize_name(n) for n in names]
    results = process.extract(
        query,
        keys,
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process if query.isascii() else None,
        score_cutoff=threshold,
        limit=limit,
    )
    return [
        NameMatch(checked_name=name, reported_name=names[i], score=float(score))
        for _k, score, i in results
        if len(keys[i]) >= 2
    ]
