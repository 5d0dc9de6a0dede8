"""The append-only audit log: a sha256 hash chain with a head row.

Each entry's hash covers every other field including the previous entry's hash, so an
edited, reordered or inserted row breaks the chain; the head row (last seq and hash,
updated in the same transaction as the append) exposes rows deleted from the end.

Anyone who can write to the database could still recompute the chain after an edit, or
cut the tail and set the head back; anchors (a seq and hash the Clerk minutes, kept
outside the database) expose both. Replaying each request's history (history.py)
exposes edits of the requests table, which the chain does not cover.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from workflows.store import history
from workflows.store.canonical import canonical_json, json_copy
from workflows.store.records import AuditAnchor, AuditEntry, AuditReport, RequestRecord
from workflows.store.sql import to_record
from workflows.store.tables import GENESIS_HASH, AuditHead, AuditRow


def entry_hash(
    *,
    seq: int,
    at: datetime,
    actor_id: str,
    action: str,
    request_id: str | None,
    payload: dict[str, Any],
    prev_hash: str,
) -> str:
    fields = {
        "seq": seq,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "action": action,
        "request_id": request_id,
        "payload": payload,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical_json(fields).encode()).hexdigest()


def chain_entry(
    *,
    seq: int,
    prev_hash: str,
    at: datetime,
    actor_id: str,
    action: str,
    request_id: str | None = None,
    payload: dict[str, Any] | None = None,
) -> AuditEntry:
    """The entry at ``seq``, following the entry hashed ``prev_hash``, as it is stored."""
    fields: dict[str, Any] = {
        "seq": seq,
        "at": at,
        "actor_id": actor_id,
        "action": action,
        "request_id": request_id,
        "payload": json_copy(payload),
        "prev_hash": prev_hash,
    }
    return AuditEntry(**fields, hash=entry_hash(**fields))


def head_of(rows: Sequence[AuditEntry]) -> tuple[int, str]:
    """The seq and hash of the last entry; (0, the genesis hash) before the first."""
    return (rows[-1].seq, rows[-1].hash) if rows else (0, GENESIS_HASH)


async def append(
    conn: AsyncConnection,
    now: datetime,
    *,
    actor_id: str,
    action: str,
    request_id: str | None = None,
    payload: dict[str, Any] | None = None,
) -> AuditEntry:
    # Bumping the head first takes its row lock (PostgreSQL), so appends queue here.
    bumped = await conn.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(seq=AuditHead.seq + 1)
        .returning(AuditHead.seq, AuditHead.hash)
    )
    seq, prev_hash = bumped.one()
    entry = chain_entry(
        seq=seq,
        prev_hash=prev_hash,
        at=now,
        actor_id=actor_id,
        action=action,
        request_id=request_id,
        payload=payload,
    )
    await conn.execute(insert(AuditRow).values(entry.model_dump()))
    await conn.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=entry.hash))
    return entry


async def entries(conn: AsyncConnection, request_id: str | None = None) -> list[AuditEntry]:
    query = select(AuditRow).order_by(AuditRow.seq)
    if request_id is not None:
        query = query.where(AuditRow.request_id == request_id)
    return [to_record(AuditEntry, row) for row in await conn.execute(query)]


async def verify(conn: AsyncConnection, anchors: Sequence[AuditAnchor] = ()) -> AuditReport:
    rows = await entries(conn)
    head = (await conn.execute(select(AuditHead.seq, AuditHead.hash))).one()
    return report(rows, (head.seq, head.hash), anchors, await history.all_requests(conn))


def report(
    rows: Sequence[AuditEntry],
    head: tuple[int, str],
    anchors: Sequence[AuditAnchor],
    records: Sequence[RequestRecord],
) -> AuditReport:
    """The chain ``rows`` checked against the ``head`` recorded apart from them, the
    anchors and every request's history."""
    problems = list(chain_problems(rows))
    last_seq, last_hash = head_of(rows)
    if head != (last_seq, last_hash):
        problems.append(
            f"the log ends at seq {last_seq} but its head records seq {head[0]}: "
            "entries were removed from (or added to) the end"
        )
    problems += anchor_problems(rows, anchors)
    problems += history.request_problems(records, rows)
    return AuditReport(
        ok=not problems,
        checked=len(rows),
        problems=problems,
        anchors=len(anchors),
        requests=len(records),
        head=AuditAnchor(seq=last_seq, hash=last_hash) if rows else None,
    )


def anchor_problems(rows: Iterable[AuditEntry], anchors: Iterable[AuditAnchor]) -> Iterator[str]:
    """Anchors were taken outside the database, so a chain recomputed after an edit, or
    cut short with its head set back, no longer holds them."""
    hashes = {entry.seq: entry.hash for entry in rows}
    for anchor in anchors:
        where = f"anchor seq {anchor.seq}" + (f" ({anchor.source})" if anchor.source else "")
        found = hashes.get(anchor.seq)
        if found is None:
            yield (
                f"{where}: the log has no entry {anchor.seq} any more: "
                "entries were removed from the end and the head set back"
            )
        elif not found.startswith(anchor.hash):
            yield (
                f"{where}: entry {anchor.seq} now hashes to {found[:16]}…, not the anchored "
                f"{anchor.hash[:16]}…: the log was rewritten and its chain recomputed"
            )


def chain_problems(rows: Iterable[AuditEntry]) -> Iterable[str]:
    expected_seq, prev_hash = 1, GENESIS_HASH
    for entry in rows:
        if entry.seq != expected_seq:
            yield f"seq {entry.seq}: expected seq {expected_seq} (entries missing or inserted)"
        if entry.prev_hash != prev_hash:
            yield f"seq {entry.seq}: does not follow the previous entry (chain broken)"
        if entry_hash(**entry.model_dump(exclude={"hash"})) != entry.hash:
            yield f"seq {entry.seq}: contents do not match its hash (entry edited)"
        expected_seq, prev_hash = entry.seq + 1, entry.hash
