"""Scam message classifier: a plain scikit-learn pipeline with two heads.

Text -> one script (OpenCC Simplified -> Traditional) -> indicator masking (links, e-mails and long
numbers become placeholder tokens, so the model learns "has a link", not one domain) -> TF-IDF character
n-grams + English word n-grams -> linear models:

* head 1: scam vs not (probability), LinearSVC with sigmoid calibration (CalibratedClassifierCV), one
  model for texts with CJK characters and one for the rest;
* head 2: scam type (12 classes), LinearSVC on the scam examples that have a type, with red-flag
  category counts (``data/red_flags.yaml``) as extra features.

``train_default(extra)`` fits on the shipped corpora (UCI SMS Spam Collection + the project's synthetic
Chinese corpus) plus confirmed examples from the app. Models are saved with joblib; load only files you
wrote yourself (joblib is pickle). No model is shipped in git.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import joblib
import numpy as np
import sklearn
from opencc import OpenCC
from scipy import sparse
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import LinearSVC

from .normalize import DATA_DIR

SCAM_TYPES: tuple[str, ...] = (
    "official_impersonation",
    "customer_service",
    "acquaintance_impersonation",
    "investment",
    "job_click_farming",
    "online_shopping",
    "romance",
    "loan",
    "prize",
    "phishing_otp",
    "ransom_kidnap",
    "other",
)
SMS_CORPUS = DATA_DIR / "sms_spam_collection_v1.txt"
ZH_CORPUS = DATA_DIR / "zh_messages.csv"
_FORMAT = 1  # bump when the saved structure changes


@dataclass(frozen=True, slots=True)
class Prediction:
    """Classifier output for one text; ``scam_type`` is None when ``is_scam`` is False."""

    probability: float
    is_scam: bool
    scam_type: str | None


@dataclass(frozen=True, slots=True)
class LabeledExample:
    """A training example; ``group`` ties template variants together for grouped cross-validation."""

    text: str
    is_scam: bool
    scam_type: str | None = None
    group: str = ""
    script: str = ""


# ----------------------------------------------------------------------------------------------
# Preprocessing (module-level functions so fitted pipelines pickle by reference)
# ----------------------------------------------------------------------------------------------


@cache
def _s2t() -> OpenCC:
    return OpenCC("s2t")


_URL = re.compile(
    r"(?:https?|hxxps?)://\S+|(?<![\w@.])(?:www\.)?[a-z0-9\-]+(?:\[?\.\]?[a-z0-9\-]+)*\[?\.\]?"
    r"(?:com|net|org|hk|cn|top|xyz|vip|cc|shop|info|io|me|co|app|link|site|online|club|icu|asia)\b\S*",
    re.I,
)
_EMAIL = re.compile(r"\S+@\S+\.[a-z]{2,}", re.I)
_LONG_NUMBER = re.compile(r"\+?\d[\d\s\-]{5,}\d")


def to_model_text(text: str) -> str:
    """NFKC, Simplified -> Traditional, links/e-mails/long numbers -> placeholder tokens.

    Case is kept: capitals ("FREE", "URGENT") are a spam signal in English, worth ~0.5 F1 point.
    """
    text = unicodedata.normalize("NFKC", text)
    if has_cjk(text):
        text = _s2t().convert(text)
    text = _EMAIL.sub(" emailx ", text)
    text = _URL.sub(" urlx ", text)
    return _LONG_NUMBER.sub(" numx ", text)


def _batch(texts: Iterable[str]) -> list[str]:
    return [to_model_text(t) for t in texts]


def has_cjk(text: str) -> bool:
    """True when the text contains CJK ideographs (routes it to the Chinese model)."""
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _flag_matrix(texts: Iterable[str]) -> sparse.csr_matrix:
    """Red-flag category counts (capped at 3, scaled to 0-1) from ``data/red_flags.yaml``.

    Hand-written domain knowledge that generalises to unseen wording better than n-grams from a few
    hundred examples; used by the type head.
    """
    from .messages import red_flag_patterns  # local import: messages imports this module for typing

    patterns = red_flag_patterns()
    rows = [[min(len(p.findall(t)), 3) / 3.0 for p in patterns] for t in texts]
    return sparse.csr_matrix(np.asarray(rows, dtype=np.float32).reshape(len(rows), len(patterns)))


def _weighted_flags(texts: Iterable[str], weight: float) -> sparse.csr_matrix:
    return _flag_matrix(texts) * weight


def _features(
    char_ngrams: tuple[int, int], word_ngrams: tuple[int, int], min_df: int, flag_weight: float = 0.0
) -> Pipeline | FeatureUnion:
    text = Pipeline(
        [
            ("script", FunctionTransformer(_batch)),
            (
                "tfidf",
                FeatureUnion(
                    [
                        (
                            "char",
                            TfidfVectorizer(
                                analyzer="char_wb",
                                ngram_range=char_ngrams,
                                min_df=min_df,
                                sublinear_tf=True,
                                lowercase=False,
                                dtype=np.float32,
                            ),
                        ),
                        (
                            "word",
                            TfidfVectorizer(
                                analyzer="word",
                                token_pattern=r"(?u)\b[a-z][a-z0-9']+\b",  # noqa: S106 - English words only
                                ngram_range=word_ngrams,
                                min_df=min_df,
                                sublinear_tf=True,
                                dtype=np.float32,
                            ),
                        ),
                    ]
                ),
            ),
        ]
    )
    if flag_weight <= 0:
        return text
    return FeatureUnion(
        [("text", text), ("flags", FunctionTransformer(_weighted_flags, kw_args={"weight": flag_weight}))]
    )


def _binary_model(
    char_ngrams: tuple[int, int], word_ngrams: tuple[int, int], min_df: int, c: float
) -> Pipeline:
    return Pipeline(
        [
            ("features", _features(char_ngrams, word_ngrams, min_df)),
            ("model", CalibratedClassifierCV(LinearSVC(C=c), cv=5)),
        ]
    )


class ScamClassifier:
    """Two-head scam classifier (scam probability + scam type), routed by script.

    Texts with CJK characters go to a Chinese binary model (char 2-4-grams), others to an English one
    (char 1-4-grams, case kept): the two languages share no features, and one joint model measurably
    lost English F1. The type head is shared and adds red-flag category features.

    >>> clf = ScamClassifier().fit(texts, is_scam, types)   # doctest: +SKIP
    >>> clf.predict(["您的帳戶異常，請點擊連結驗證"])[0].is_scam  # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        threshold: float = 0.5,
        C: float = 1.0,  # noqa: N803 - scikit-learn's name
        type_C: float = 1.0,  # noqa: N803
        en_char_ngrams: tuple[int, int] = (1, 4),
        zh_char_ngrams: tuple[int, int] = (2, 4),
        type_char_ngrams: tuple[int, int] = (1, 3),
        word_ngrams: tuple[int, int] = (1, 2),
        type_flag_weight: float = 2.0,
        min_df: int = 1,
    ) -> None:
        if not 0.0 < threshold < 1.0:
            raise ValueError("threshold must be between 0 and 1")
        self.threshold = threshold
        self.C = C
        self.type_C = type_C
        self.en_char_ngrams = en_char_ngrams
        self.zh_char_ngrams = zh_char_ngrams
        self.type_char_ngrams = type_char_ngrams
        self.word_ngrams = word_ngrams
        self.type_flag_weight = type_flag_weight
        self.min_df = min_df
        self.binary_: dict[str, Pipeline] = {}
        self.typer_: Pipeline | None = None

    def fit(
        self, texts: Sequence[str], is_scam: Sequence[bool], types: Sequence[str | None] | None = None
    ) -> ScamClassifier:
        """Fit both heads. ``types`` (one per text, None for non-scam or unknown) trains the type head."""
        texts = list(texts)
        if any(not isinstance(t, str) for t in texts):
            raise TypeError("texts must be strings")
        y = np.asarray([bool(v) for v in is_scam])
        if len(texts) != len(y):
            raise ValueError("texts and is_scam must have the same length")
        if len(set(y.tolist())) < 2:
            raise ValueError("need both scam and non-scam examples")
        cjk = np.asarray([has_cjk(t) for t in texts], dtype=bool)
        self.binary_ = {}
        for lang, mask, grams in (("zh", cjk, self.zh_char_ngrams), ("en", ~cjk, self.en_char_ngrams)):
            # Each language needs both classes and enough of each for 5-fold calibration; otherwise the
            # joint model below serves it.
            if mask.sum() and min(int(y[mask].sum()), int((~y[mask]).sum())) >= 10:
                idx = np.flatnonzero(mask)
                self.binary_[lang] = _binary_model(grams, self.word_ngrams, self.min_df, self.C).fit(
                    [texts[i] for i in idx], y[idx]
                )
        if len(self.binary_) < 2:
            if min(int(y.sum()), int((~y).sum())) < 5:
                raise ValueError("need at least 5 scam and 5 non-scam examples")
            self.binary_["all"] = Pipeline(
                [
                    ("features", _features(self.en_char_ngrams, self.word_ngrams, self.min_df)),
                    (
                        "model",
                        CalibratedClassifierCV(LinearSVC(C=self.C), cv=min(5, int(y.sum()), int((~y).sum()))),
                    ),
                ]
            ).fit(texts, y)
        self.typer_ = None
        if types is not None:
            types = list(types)
            if len(types) != len(texts):
                raise ValueError("types must have one entry per text")
            unknown = {t for t in types if t is not None and t not in SCAM_TYPES}
            if unknown:
                raise ValueError(f"unknown scam types: {sorted(unknown)}")
            rows = [i for i, t in enumerate(types) if t is not None and y[i]]
            labels = [types[i] for i in rows]
            if len(set(labels)) >= 2:
                self.typer_ = Pipeline(
                    [
                        (
                            "features",
                            _features(
                                self.type_char_ngrams, self.word_ngrams, self.min_df, self.type_flag_weight
                            ),
                        ),
                        ("model", LinearSVC(C=self.type_C)),
                    ]
                ).fit([texts[i] for i in rows], labels)
        return self

    def _model_for(self, text: str) -> Pipeline:
        if not self.binary_:
            raise RuntimeError("ScamClassifier is not fitted; call fit() or ScamClassifier.load()")
        lang = "zh" if has_cjk(text) else "en"
        return self.binary_.get(lang) or self.binary_["all"]

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Scam probability per text."""
        texts = list(texts)
        out = np.zeros(len(texts), dtype=float)
        if not texts:
            return out
        by_model: dict[int, tuple[Pipeline, list[int]]] = {}
        for i, t in enumerate(texts):
            model = self._model_for(t)
            by_model.setdefault(id(model), (model, []))[1].append(i)
        for model, idx in by_model.values():
            col = list(model.classes_).index(True)
            out[idx] = model.predict_proba([texts[i] for i in idx])[:, col]
        return out

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """One :class:`Prediction` per text."""
        texts = list(texts)
        if not texts:
            return []
        proba = self.predict_proba(texts)
        scam = proba >= self.threshold
        kinds: list[str | None] = [None] * len(texts)
        if scam.any():
            idx = np.flatnonzero(scam)
            if self.typer_ is not None:
                for i, kind in zip(idx, self.typer_.predict([texts[i] for i in idx]), strict=True):
                    kinds[i] = str(kind)
            else:
                for i in idx:
                    kinds[i] = "other"
        return [Prediction(float(p), bool(s), k) for p, s, k in zip(proba, scam, kinds, strict=True)]

    def save(self, path: str | Path) -> None:
        """Write the fitted model with joblib (with the scikit-learn version it was fitted with)."""
        if not self.binary_:
            raise RuntimeError("ScamClassifier is not fitted; call fit() first")
        joblib.dump(
            {"format": _FORMAT, "sklearn": sklearn.__version__, "model": self}, Path(path), compress=3
        )

    @classmethod
    def load(cls, path: str | Path) -> ScamClassifier:
        """Load a model written by :meth:`save`. joblib unpickles: load only files you created."""
        payload = joblib.load(Path(path))
        if (
            not isinstance(payload, dict)
            or payload.get("format") != _FORMAT
            or not isinstance(payload.get("model"), cls)
        ):
            raise ValueError(f"{path} is not a ScamClassifier file of format {_FORMAT}")
        if payload["sklearn"] != sklearn.__version__:
            raise ValueError(
                f"model was fitted with scikit-learn {payload['sklearn']}, this is {sklearn.__version__}: retrain it"
            )
        return payload["model"]


# ----------------------------------------------------------------------------------------------
# Corpora
# ----------------------------------------------------------------------------------------------


def load_sms_corpus(path: str | Path | None = None, *, deduplicate: bool = False) -> list[LabeledExample]:
    """The UCI SMS Spam Collection v.1 (Almeida, Gomez Hidalgo and Yamakami, 2011; CC BY 4.0).

    ``spam`` -> ``is_scam=True`` with no scam type. ``deduplicate`` keeps the first copy of each text.
    """
    out: list[LabeledExample] = []
    seen: set[str] = set()
    with Path(path or SMS_CORPUS).open(encoding="utf-8") as fh:
        for line in fh:
            label, _, text = line.rstrip("\n").partition("\t")
            if label not in ("ham", "spam"):
                raise ValueError(f"bad label {label!r} in {path or SMS_CORPUS}")
            if deduplicate:
                if text in seen:
                    continue
                seen.add(text)
            out.append(LabeledExample(text=text, is_scam=label == "spam", script="en"))
    return out


def load_zh_corpus(path: str | Path | None = None) -> list[LabeledExample]:
    """The project's synthetic Chinese corpus (``text,label,scam_type,script,source,template``)."""
    out = []
    with Path(path or ZH_CORPUS).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["label"] not in ("scam", "ham"):
                raise ValueError(f"bad label {row['label']!r}")
            out.append(
                LabeledExample(
                    text=row["text"],
                    is_scam=row["label"] == "scam",
                    scam_type=row["scam_type"] or None,
                    group=row["template"],
                    script=row["script"],
                )
            )
    return out


def train_default(
    extra: Iterable[LabeledExample | tuple[str, bool, str | None]] = (), **kwargs: object
) -> ScamClassifier:
    """Fit a :class:`ScamClassifier` on the shipped corpora plus ``extra`` confirmed examples.

    ``extra`` items are :class:`LabeledExample` or ``(text, is_scam, scam_type)`` tuples (the app's
    ``beatbook scams train`` passes confirmed reports). ``kwargs`` go to :class:`ScamClassifier`.
    """
    examples = load_sms_corpus() + load_zh_corpus()
    for item in extra:
        if isinstance(item, LabeledExample):
            examples.append(item)
        else:
            text, scam, kind = item
            examples.append(LabeledExample(text=text, is_scam=bool(scam), scam_type=kind or None))
    clf = ScamClassifier(**kwargs)  # type: ignore[arg-type]
    return clf.fit([e.text for e in examples], [e.is_scam for e in examples], [e.scam_type for e in examples])
