"""Per-call latency of normalise + look-alike, and of a full single check against 1,000,000 indicators.

    .venv/bin/python benchmarks/scams_normalize.py      # ~1 minute, writes benchmarks/results/scams_normalize.json

Values are generated (deterministic seed) and unique, so the engine's small LRU caches do not flatter
the figures (and they are emptied before the full-check pass). Wall-clock percentiles include time
the process waited for a CPU on a shared machine; ``*_cpu_time`` (thread CPU time) is the engine's own
cost and is the stable figure to compare between runs: a mix of HK and mainland phones, URLs (some defanged, some look-alikes), domains, e-mails,
bank accounts, FPS IDs, platform handles and wallets, with auto-detection of the type.
The 1,000,000 indicators are normalised keys in a Python set, standing in for the app's index; the
"full check" is normalise -> lookup_keys -> set look-ups -> look-alike -> decide().
"""

from __future__ import annotations

import gc
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from beatbook.scams.engine.lookalike import check_lookalike, skeleton  # noqa: E402
from beatbook.scams.engine.normalize import lookup_keys, normalize, split_domain  # noqa: E402
from beatbook.scams.engine.verdict import Evidence, RecordEvidence, RecordStatus, decide  # noqa: E402

OUT = ROOT / "benchmarks" / "results" / "scams_normalize.json"
N_VALUES = 10_000
N_INDICATORS = 1_000_000
WORDS = [
    "secure",
    "login",
    "verify",
    "hk",
    "pay",
    "shop",
    "gift",
    "post",
    "bank",
    "track",
    "deal",
    "home",
    "news",
]
BRANDS = ["hsbc", "bochk", "b0chk", "hangseng", "hangsseng", "sc", "citi", "dbs", "octopus", "payme", "gov"]
TLDS = ["com", "top", "xyz", "com.hk", "hk", "vip", "net", "cc", "shop"]


def values(r: random.Random, n: int) -> list[str]:
    """``n`` unique, varied indicator strings."""
    out: set[str] = set()
    while len(out) < n:
        k = r.randrange(10)
        if k == 0:
            out.add(f"{r.choice('5679')}{r.randint(100, 999)} {r.randint(1000, 9999)}")
        elif k == 1:
            out.add(f"13{r.randint(0, 9)}{r.randint(10000000, 99999999)}")
        elif k == 2:
            host = f"{r.choice(BRANDS + WORDS)}-{r.choice(WORDS)}{r.randint(1, 9999)}.{r.choice(TLDS)}"
            out.add(f"https://{host}/{r.choice(WORDS)}?id={r.randint(1, 10**6)}")
        elif k == 3:
            host = f"{r.choice(WORDS)}{r.randint(1, 99999)}.{r.choice(BRANDS)}.com.hk.{r.choice(WORDS)}.{r.choice(TLDS)}"
            out.add(f"hxxp://{host.replace('.', '[.]')}/a")
        elif k == 4:
            out.add(f"{r.choice(WORDS)}{r.randint(1, 10**6)}.{r.choice(TLDS)}")
        elif k == 5:
            out.add(f"user{r.randint(1, 10**6)}@{r.choice(WORDS)}-{r.choice(WORDS)}.{r.choice(TLDS)}")
        elif k == 6:
            out.add(
                f"{r.choice(['004', '012', '024', '003'])}-{r.randint(100, 999)}-{r.randint(100000, 999999)}-{r.randint(1, 9)}"
            )
        elif k == 7:
            out.add(f"FPS ID: {r.randint(1000000, 9999999)}")
        elif k == 8:
            out.add(f"telegram:@{r.choice(WORDS)}_{r.randint(1000, 10**6)}")
        else:
            out.add(f"wa.me/8526{r.randint(1000000, 9999999)}")
    return sorted(out)


def pct(samples: list[float], p: float) -> float:
    """Percentile (nearest rank) in microseconds."""
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))], 1)


def summary(samples: list[float]) -> dict:
    return {
        "calls": len(samples),
        "p50_us": pct(samples, 50),
        "p90_us": pct(samples, 90),
        "p99_us": pct(samples, 99),
        "max_us": round(max(samples), 1),
        "mean_us": round(statistics.fmean(samples), 1),
    }


def main() -> None:
    """Run the measurements and write the JSON report."""
    r = random.Random(7)
    normalize("warm up 9123 4567")  # load data files and the suffix list once, as a server would
    check_lookalike(normalize("hsbc-verify.com"))

    test_values = values(r, N_VALUES)
    norm_us, look_us, both_us, both_cpu_us = [], [], [], []
    items = []
    for v in test_values:
        c0 = time.thread_time_ns()
        t0 = time.perf_counter_ns()
        item = normalize(v)
        t1 = time.perf_counter_ns()
        check_lookalike(item)
        t2 = time.perf_counter_ns()
        both_cpu_us.append((time.thread_time_ns() - c0) / 1000)
        norm_us.append((t1 - t0) / 1000)
        look_us.append((t2 - t1) / 1000)
        both_us.append((t2 - t0) / 1000)
        items.append(item)
    ok = sum(i.ok for i in items)

    # 1,000,000 indicators loaded (normalised keys, as the app indexes them), 1 in 5 test values listed.
    index: dict[tuple[str, str], RecordEvidence] = {}
    reported = RecordEvidence(RecordStatus.REPORTED, partner_count=2)
    for i in range(N_INDICATORS):
        index[("phone", f"+8525{i:07d}")] = reported
    for item in items[::5]:
        if item.ok:
            index[(item.type, item.normalized)] = reported
    # Empty the engine's LRU caches so the timed pass below is as cold as the first one.
    split_domain.cache_clear()
    skeleton.cache_clear()
    # The index is long-lived (a server builds it once): move it out of the cyclic GC's way, or every
    # gen-2 collection would walk a million tuples in the middle of a check.
    gc.collect()
    gc.freeze()
    full_us, full_cpu_us = [], []
    levels: dict[str, int] = {}
    for v in test_values:
        t0, c0 = time.perf_counter_ns(), time.thread_time_ns()
        item = normalize(v)
        if item.ok:
            records = [index[k] for k in lookup_keys(item) if k in index]
            verdict = decide(item, Evidence(records=records, lookalikes=check_lookalike(item)))
            levels[verdict["level"]] = levels.get(verdict["level"], 0) + 1
        full_cpu_us.append((time.thread_time_ns() - c0) / 1000)
        full_us.append((time.perf_counter_ns() - t0) / 1000)

    t0 = time.perf_counter()
    for v in test_values:
        item = normalize(v)
        if item.ok:
            decide(
                item,
                Evidence(
                    records=[index[k] for k in lookup_keys(item) if k in index],
                    lookalikes=check_lookalike(item),
                ),
            )
    bulk_seconds = round(time.perf_counter() - t0, 3)

    report = {
        "command": ".venv/bin/python benchmarks/scams_normalize.py",
        "environment": {"python": platform.python_version(), "machine": platform.machine(), "cpus_shared": 2},
        "values": N_VALUES,
        "values_normalised_ok": ok,
        "normalize_auto_detect": summary(norm_us),
        "lookalike": summary(look_us),
        "normalize_plus_lookalike": summary(both_us),
        "normalize_plus_lookalike_cpu_time": summary(both_cpu_us),
        "indicators_loaded": len(index),
        "full_single_check": summary(full_us),
        "full_single_check_cpu_time": summary(full_cpu_us),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
        "full_check_levels": levels,
        "bulk_10000_values_seconds": bulk_seconds,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
