"""Imports of external indicator lists: CSV, plain URL/domain lists (OpenPhish feed format) and the HKMA
fraudulent bank website list (CSV or one line per website with bank name and date; both accepted).

Idempotent: an indicator is keyed by ``(type, normalized)`` and a source by ``(indicator, source,
list)``, so importing the same file twice creates nothing new (it refreshes ``last_seen``). Bad lines are
reported with their line numbers and skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from beatbook.audit import recorder
from beatbook.audit.models import AuditAction

from .engine.normalize import DOMAIN, URL, Normalized, normalize
from .models import ImportBatch, Indicator, IndicatorSource, Level, fraud_objective

# Level asked for -> admiralty grading given to the source (the verdict follows from the grading).
LEVEL_GRADING = {"suspected": ("B", 2), "possible": ("C", 3)}
VALUE_COLUMNS = (
    "value",
    "indicator",
    "url",
    "website",
    "fraudulent website",
    "website address",
    "fraudulent website address",
    "domain",
    "phone",
    "phone number",
    "number",
    "account",
    "網址",
    "網站",
    "電話",
    "ioc",
)
BANK_COLUMNS = (
    "bank",
    "bank name",
    "name of authorized institution",
    "authorized institution",
    "institution",
    "銀行",
    "認可機構名稱",
)
DATE_COLUMNS = ("date", "first_seen", "date of press release", "press release date", "日期", "published")
_DATE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


@dataclass
class ImportResult:
    batch: ImportBatch | None = None
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.created} created, {self.updated} updated, {len(self.errors)} bad lines"


def parse_date(text: str) -> dt.datetime | None:
    m = _DATE.match(text or "")
    if not m:
        return None
    try:
        if m.group(1):
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        else:
            day = dt.date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
    except ValueError:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _try(value: str, type_: str | None) -> Normalized | None:
    if not value or len(value) > 2048:
        return None
    try:
        item = normalize(value, type_)
    except ValueError:
        return None
    return item if item.ok else None


def _list_line(line: str, type_: str | None) -> tuple[Normalized | None, dict, str]:
    """One line of a plain list; HKMA-style lines ``date, bank, website`` are split on commas/tabs."""
    item = _try(line, type_)
    if item is not None:
        return item, {}, ""
    parts = [p.strip().strip('"') for p in re.split(r"\t|,(?=\s*\S)|\s{2,}", line) if p.strip()]
    if len(parts) > 1:
        extra: dict = {}
        found = None
        for part in parts:
            candidate = None
            if found is None and not parse_date(part):
                candidate = _try(part, type_ or (URL if "/" in part else None))
                if candidate is not None and candidate.type not in (URL, DOMAIN) and type_ is None:
                    candidate = None
            if candidate is not None:
                found = candidate
            elif parse_date(part):
                extra["date"] = part
            else:
                extra.setdefault("bank", part)
        if found is not None:
            return found, extra, ""
    return None, {}, "not a recognisable value" if type_ is None else f"not a valid {type_}"


def _rows_from_csv(text: str, type_: str | None):
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    value_col = bank_col = date_col = type_col = name_col = None
    for lineno, row in enumerate(reader, start=1):
        if not row or not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        if header is None:
            lowered = [c.strip().lower() for c in row]
            if any(c in VALUE_COLUMNS for c in lowered):
                header = lowered
                value_col = next(i for i, c in enumerate(lowered) if c in VALUE_COLUMNS)
                bank_col = next((i for i, c in enumerate(lowered) if c in BANK_COLUMNS), None)
                date_col = next((i for i, c in enumerate(lowered) if c in DATE_COLUMNS), None)
                type_col = next((i for i, c in enumerate(lowered) if c == "type"), None)
                name_col = next(
                    (i for i, c in enumerate(lowered) if c in ("account_name", "account name", "name")), None
                )
                continue
            header = []  # headerless: the value is the first cell that parses (HKMA rows without a header)
        if value_col is None:
            item, extra, err = _list_line(",".join(row), type_)
            yield lineno, item, extra, err
            continue

        def cell(i, row=row):
            return row[i].strip() if i is not None and i < len(row) else ""

        row_type = cell(type_col) or type_
        try:
            item = _try(cell(value_col), row_type or None)
        except ValueError:
            item = None
        extra = {
            k: v
            for k, v in (("bank", cell(bank_col)), ("date", cell(date_col)), ("account_name", cell(name_col)))
            if v
        }
        if item is None:
            yield lineno, None, {}, f"not a valid {row_type or 'value'}: {cell(value_col)[:80]!r}"
        else:
            yield lineno, item, extra, ""


def import_file(
    path: str | Path,
    fmt: str,
    *,
    level: str,
    source: str,
    type_: str | None = None,
    list_name: str = "",
    reliability: str | None = None,
    credibility: int | None = None,
    expires_days: int = 365,
    user=None,
    synthetic: bool = False,
) -> ImportResult:
    """Import ``path`` (``fmt`` csv or list) at ``level`` from ``source``; returns counts and bad lines."""
    path = Path(path)
    raw = path.read_bytes()
    return import_text(
        raw.decode("utf-8-sig", errors="replace"),
        fmt,
        level=level,
        source=source,
        type_=type_,
        list_name=list_name,
        reliability=reliability,
        credibility=credibility,
        expires_days=expires_days,
        user=user,
        file_name=path.name,
        sha256=hashlib.sha256(raw).hexdigest(),
        synthetic=synthetic,
    )


def import_text(
    text: str,
    fmt: str,
    *,
    level: str,
    source: str,
    type_: str | None = None,
    list_name: str = "",
    reliability: str | None = None,
    credibility: int | None = None,
    expires_days: int = 365,
    user=None,
    file_name: str = "",
    sha256: str = "",
    synthetic: bool = False,
) -> ImportResult:
    if fmt not in ("csv", "list"):
        raise ValueError("format must be csv or list")
    if level not in (Level.HIGH_RISK, Level.SUSPECTED, Level.POSSIBLE):
        raise ValueError("level must be high_risk, suspected or possible")
    if not source.strip():
        raise ValueError("a source name is required")
    rel, cred = LEVEL_GRADING.get(level, ("A", 1))
    rel, cred = (reliability or rel).upper(), int(credibility or cred)
    if rel not in "ABCDEF" or len(rel) != 1 or not 1 <= cred <= 6:
        raise ValueError("reliability is A-F and credibility 1-6")
    result = ImportResult()
    parsed: dict[tuple[str, str], tuple[Normalized, dict]] = {}
    if fmt == "list":
        rows = (
            (n, *_list_line(line.strip(), type_))
            for n, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("#")
        )
    else:
        rows = _rows_from_csv(text, type_)
    for lineno, item, extra, err in rows:
        if item is None:
            result.errors.append((lineno, err))
            continue
        parsed.setdefault((item.type, item.normalized), (item, extra))
    now = timezone.now()
    expires = now + dt.timedelta(days=expires_days) if expires_days else None
    grading = f"{rel}{cred}"
    objective = fraud_objective()
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            source_name=source[:200],
            file_name=file_name[:300],
            sha256=sha256,
            format=fmt,
            indicator_type=type_ or "",
            level=level,
            error_count=len(result.errors),
            errors=[{"line": n, "error": e} for n, e in result.errors[:1000]],
            imported_by=user if getattr(user, "pk", None) else None,
            is_synthetic=synthetic,
        )
        keys = list(parsed)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            existing = {
                (i.type, i.normalized): i
                for i in Indicator.objects.filter(
                    normalized__in=[v for _t, v in chunk], type__in={t for t, _v in chunk}
                )
            }
            new, changed = [], []
            for key in chunk:
                item, extra = parsed[key]
                seen = parse_date(extra.get("date", "")) or now
                ind = existing.get(key)
                if ind is None:
                    ind = Indicator(
                        type=item.type,
                        normalized=item.normalized,
                        display=item.display[:1000],
                        status=Indicator.Status.EXTERNAL,
                        first_seen=seen,
                        last_seen=now,
                        expires_at=expires,
                        objective=objective,
                        source_name=source[:200],
                        account_name=extra.get("account_name", "")[:200],
                        is_synthetic=synthetic,
                    )
                    new.append(ind)
                else:
                    changed.append(ind)
                    ind.last_seen = now
                    if (
                        expires
                        and (ind.expires_at is None or ind.expires_at < expires)
                        and ind.status != "confirmed"
                    ):
                        ind.expires_at = expires
                if level == Level.HIGH_RISK:
                    ind.status = Indicator.Status.CONFIRMED
                    ind.confirmed_by_name = f"{source} (import)"[:150]
                    ind.confirmed_at = ind.confirmed_at or now
                elif not ind.grading or (grading[0], int(grading[1])) < (ind.grading[0], int(ind.grading[1])):
                    ind.grading, ind.source_name = grading, source[:200]
            Indicator.objects.bulk_create(new, batch_size=500)
            if new and new[0].pk is None:  # backends that do not return ids
                ids = {
                    (i.type, i.normalized): i.pk
                    for i in Indicator.objects.filter(normalized__in=[i.normalized for i in new])
                }
                for ind in new:
                    ind.pk = ids[(ind.type, ind.normalized)]
            Indicator.objects.bulk_update(
                changed,
                [
                    "last_seen",
                    "expires_at",
                    "status",
                    "confirmed_by_name",
                    "confirmed_at",
                    "grading",
                    "source_name",
                ],
                batch_size=500,
            )
            result.created += len(new)
            result.updated += len(changed)
            sources = []
            for ind in new + changed:
                item, extra = parsed[(ind.type, ind.normalized)]
                sources.append(
                    IndicatorSource(
                        indicator_id=ind.pk,
                        source_name=source[:200],
                        list_name=list_name[:200],
                        reliability=rel,
                        credibility=cred,
                        batch=batch,
                        first_seen=ind.first_seen,
                        last_seen=now,
                        extra={k: v for k, v in extra.items() if k in ("bank", "date")},
                        is_synthetic=synthetic,
                    )
                )
            IndicatorSource.objects.bulk_create(
                sources,
                batch_size=500,
                update_conflicts=True,
                unique_fields=["indicator", "source_name", "list_name"],
                update_fields=["last_seen", "reliability", "credibility", "batch", "extra"],
            )
        batch.created_count, batch.updated_count = result.created, result.updated
        batch.save(update_fields=["created_count", "updated_count", "updated_at"])
        recorder.record(
            AuditAction.IMPORT,
            batch,
            after={
                "created": result.created,
                "updated": result.updated,
                "errors": len(result.errors),
                "level": level,
                "source": source,
            },
        )
    from .services import NAME_INDEX

    NAME_INDEX.invalidate()
    result.batch = batch
    return result
