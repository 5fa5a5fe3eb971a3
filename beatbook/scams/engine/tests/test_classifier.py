"""Classifier sanity on held-out examples, persistence, refusals, and the shipped corpora."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from beatbook.scams.engine.classifier import (
    SCAM_TYPES,
    ZH_CORPUS,
    LabeledExample,
    ScamClassifier,
    load_sms_corpus,
    load_zh_corpus,
    to_model_text,
    train_default,
)
from beatbook.scams.engine.messages import analyze_message

# Written for these tests only: none of them is in either corpus (checked below).
HELD_OUT_SCAMS = [
    (
        "【中銀香港】閣下的網上銀行將於今日停用，請即到 bochk-hk-verify.top 重新登記並輸入短訊驗證碼。",
        "phishing_otp",
    ),
    (
        "你好，我係深圳公安，你嘅銀行卡涉及洗錢案，要將存款轉去安全賬戶配合調查，唔好話俾屋企人知。",
        "official_impersonation",
    ),
    ("兼職招聘：喺屋企用手機幫網店刷單，先墊付$200，每單返佣金30%，日結，請加TG。", "job_click_farming"),
    ("你个儿子在我们手上，马上准备二十万赎金，敢报警就撕票。", "ransom_kidnap"),
    (
        "Your parcel could not be delivered. Pay the $2 redelivery fee at hk-post-track.top within 24 hours.",
        None,
    ),
    ("URGENT! You have won a guaranteed cash prize of 2000 pounds. Call 09050001234 now to claim.", None),
]
HELD_OUT_HAM = [
    "阿媽，我頭先落咗堂，而家搭緊地鐵返屋企，大約七點到。",
    "【診所】提醒你明天上午十時覆診，請帶備覆診卡。",
    "老婆，今晚我買埋菜返嚟，你唔使煮飯。",
    "Hey, are you coming to the football match on Saturday? Kick off at 3.",
    "Can you pick up some milk on your way home? Thanks!",
]


@pytest.fixture(scope="module")
def model() -> ScamClassifier:
    return train_default()


def test_held_out_examples_are_not_in_the_corpora() -> None:
    corpus = {e.text for e in load_zh_corpus()} | {e.text for e in load_sms_corpus()}
    for text in [t for t, _ in HELD_OUT_SCAMS] + HELD_OUT_HAM:
        assert text not in corpus


def test_held_out_scams_and_ham(model: ScamClassifier) -> None:
    scams = model.predict([t for t, _ in HELD_OUT_SCAMS])
    hams = model.predict(HELD_OUT_HAM)
    assert all(p.is_scam for p in scams), [round(p.probability, 2) for p in scams]
    assert not any(p.is_scam for p in hams), [round(p.probability, 2) for p in hams]
    assert all(p.scam_type is None for p in hams)
    typed = [(p.scam_type, want) for p, (_, want) in zip(scams, HELD_OUT_SCAMS, strict=True) if want]
    assert sum(got == want for got, want in typed) >= 3, typed
    assert all(0.0 <= p.probability <= 1.0 for p in scams + hams)


def test_analyze_message_uses_classifier(model: ScamClassifier) -> None:
    result = analyze_message(HELD_OUT_SCAMS[3][0], classifier=model)
    assert result["classifier"]["is_scam"] is True
    assert result["scam_type"]["code"] == result["classifier"]["scam_type"]
    assert result["suspicious"] is True


def test_save_and_load_round_trip(model: ScamClassifier, tmp_path: Path) -> None:
    path = tmp_path / "model.joblib"
    model.save(path)
    again = ScamClassifier.load(path)
    texts = [t for t, _ in HELD_OUT_SCAMS] + HELD_OUT_HAM
    assert [p.is_scam for p in again.predict(texts)] == [p.is_scam for p in model.predict(texts)]
    bogus = tmp_path / "bogus.joblib"
    import joblib

    joblib.dump({"something": "else"}, bogus)
    with pytest.raises(ValueError, match="not a ScamClassifier"):
        ScamClassifier.load(bogus)


def test_extra_examples_are_used() -> None:
    base = [
        ("hello friend, lunch at noon?", False, None),
        ("free prize claim now at this link", True, "prize"),
    ] * 6
    base += [("你好，今晚食咩？", False, None), ("恭喜你中獎，請點擊連結領取", True, "prize")] * 6
    clf = ScamClassifier().fit([b[0] for b in base], [b[1] for b in base], [b[2] for b in base])
    assert clf.predict(["恭喜你中獎，請點擊連結領取"])[0].is_scam
    example = LabeledExample("新型騙案：假冒電力公司話要退按金", True, "official_impersonation")
    assert example.is_scam and example.scam_type == "official_impersonation"


def test_refusals() -> None:
    with pytest.raises(RuntimeError, match="not fitted"):
        ScamClassifier().predict(["x"])
    with pytest.raises(ValueError, match="both scam and non-scam"):
        ScamClassifier().fit(["a", "b"], [True, True])
    with pytest.raises(ValueError, match="same length"):
        ScamClassifier().fit(["a", "b"], [True])
    with pytest.raises(ValueError, match="unknown scam types"):
        texts = ["spam text here"] * 10 + ["ham text here"] * 10
        ScamClassifier().fit(texts, [True] * 10 + [False] * 10, ["bogus"] * 10 + [None] * 10)
    with pytest.raises(TypeError):
        ScamClassifier().fit([1, 2], [True, False])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        ScamClassifier(threshold=1.5)
    with pytest.raises(RuntimeError):
        ScamClassifier().save("/nonexistent/x.joblib")
    assert ScamClassifier().predict([]) == []  # predicting nothing needs no model


def test_model_text_preprocessing() -> None:
    assert to_model_text("請點擊 https://evil.top/x") == to_model_text("请点击 https://other.xyz/y")
    converted = to_model_text("您的账户异常")
    assert "賬戶" in converted and "異常" in converted  # Simplified -> Traditional
    assert "urlx" in to_model_text("go to hsbc-verify.com now")
    assert "numx" in to_model_text("call 9123 4567")


# ------------------------------------------------------------------------------------------- corpora


def test_zh_corpus_is_large_balanced_and_synthetic() -> None:
    with ZH_CORPUS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["text", "label", "scam_type", "script", "source", "template"]
    assert {r["source"] for r in rows} == {"synthetic"}
    assert {r["script"] for r in rows} == {"hant", "hans"}
    per_type = Counter(r["scam_type"] for r in rows if r["label"] == "scam")
    assert set(per_type) == set(SCAM_TYPES)
    assert min(per_type.values()) >= 40, per_type
    ham = sum(r["label"] == "ham" for r in rows)
    assert ham >= sum(per_type.values())
    assert all(r["scam_type"] == "" for r in rows if r["label"] == "ham")
    for t in SCAM_TYPES:  # both scripts for every type
        assert {r["script"] for r in rows if r["scam_type"] == t} == {"hant", "hans"}
    assert len({r["text"] for r in rows}) == len(rows)


def test_sms_corpus_copy() -> None:
    rows = load_sms_corpus()
    assert len(rows) == 5574 and sum(r.is_scam for r in rows) == 747
    assert len(load_sms_corpus(deduplicate=True)) < len(rows)
    notice = (ZH_CORPUS.parent / "NOTICE.txt").read_text(encoding="utf-8")
    assert "Almeida" in notice and "CC BY 4.0" in notice


def test_no_pickled_model_is_shipped() -> None:
    data = ZH_CORPUS.parent
    assert not [p for p in data.rglob("*") if p.suffix in {".joblib", ".pkl", ".pickle"}]
