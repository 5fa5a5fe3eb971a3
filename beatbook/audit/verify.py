"""Check the audit chain end to end."""

from __future__ import annotations

from dataclasses import dataclass

from .models import GENESIS_HASH, AuditChainHead, AuditEntry


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    bad_seq: int | None = None
    reason: str = ""


def verify_chain(batch_size: int = 5000) -> VerifyResult:
    """Recompute every hash in order; report the first entry that was edited, deleted or reordered."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    last_seq = 0
    qs = AuditEntry.objects.order_by("seq")
    for entry in qs.iterator(chunk_size=batch_size):
        if entry.seq != expected_seq:
            return VerifyResult(False, checked, expected_seq, f"entry #{expected_seq} is missing (deleted)")
        if entry.prev_hash != expected_prev:
            return VerifyResult(
                False, checked, entry.seq, f"entry #{entry.seq} does not follow the entry before it"
            )
        if entry.compute_hash() != entry.hash:
            return VerifyResult(False, checked, entry.seq, f"entry #{entry.seq} was edited (hash mismatch)")
        expected_prev = entry.hash
        expected_seq += 1
        last_seq = entry.seq
        checked += 1
    head = AuditChainHead.objects.filter(id=1).first()
    if head is not None and (head.seq != last_seq or (head.seq and head.hash != expected_prev)):
        return VerifyResult(
            False, checked, last_seq + 1, f"entries after #{last_seq} are missing (head says #{head.seq})"
        )
    return VerifyResult(True, checked)
