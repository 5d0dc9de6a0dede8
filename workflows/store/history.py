"""Each request replayed from its audit history, to catch edits of the requests table.

The store writes a request and its audit entry in one transaction (``submitted`` carries
the first state and data; every transition its from/to, note, decision and data patch),
so the history determines the request's row. A row that disagrees, or has no history,
means someone wrote to the database directly: to the table, or to the log (a cut tail
leaves rows its history no longer explains).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from workflows.store.records import AuditEntry, RequestRecord
from workflows.store.sql import to_record
from workflows.store.tables import RequestRow

SUBMITTED = "submitted"
#: The request's fields its history determines; the first that differs is spelled out.
FIELDS = (
    "state",
    "decision",
    "decided_by",
    "decided_at",
    "decision_note",
    "data",
    "workflow",
    "requester_id",
    "created_at",
)


def submitted(workflow: str, state: str, data: dict[str, Any]) -> dict[str, Any]:
    """The audit payload of a request filed: what replay starts from."""
    return {"workflow": workflow, "state": state, "data": data}


def moved(
    from_state: str,
    to_state: str,
    note: str | None,
    decision: str | None,
    data_patch: dict[str, Any] | None,
) -> dict[str, Any]:
    """The audit payload of a transition: what replay applies."""
    return {
        "from": from_state,
        "to": to_state,
        "note": note,
        "decision": decision,
        "data_patch": data_patch,
    }


async def all_requests(conn: AsyncConnection) -> list[RequestRecord]:
    found = await conn.execute(select(RequestRow).order_by(RequestRow.id))
    return [to_record(RequestRecord, row) for row in found]


def request_problems(records: Iterable[RequestRecord], rows: Iterable[AuditEntry]) -> list[str]:
    """Every way the requests (in the order given) disagree with the audit log."""
    by_id = {r.id: r for r in records}
    histories: dict[str, list[AuditEntry]] = defaultdict(list)
    for entry in rows:
        if entry.request_id is not None:
            histories[entry.request_id].append(entry)
    problems = [p for r in by_id.values() for p in _compare(r, histories.get(r.id, []))]
    problems += [
        f"{rid} was submitted (seq {history[0].seq}) but is missing from the requests "
        "table: it was deleted outside clerkbot"
        for rid, history in sorted(histories.items())
        if rid not in by_id and history[0].action == SUBMITTED
    ]
    return problems


def _compare(record: RequestRecord, history: Sequence[AuditEntry]) -> Iterator[str]:
    if not history:
        yield f"{record.id} has no audit history: it was added to the requests table directly"
        return
    if history[0].action != SUBMITTED:
        yield f"{record.id}: its audit history does not begin with its submission"
        return
    expected, problems = replay(history)
    yield from problems
    differing = [field for field in FIELDS if getattr(record, field) != expected[field]]
    if differing:
        yield _differs(record, expected, differing)


def replay(history: Sequence[AuditEntry]) -> tuple[dict[str, Any], list[str]]:
    """The request's fields as its history leaves them, and any step that does not
    follow from the one before. ``history[0]`` is the submission."""
    first = history[0]
    submitted = first.payload
    fields: dict[str, Any] = dict.fromkeys(FIELDS) | {
        "workflow": submitted.get("workflow"),
        "requester_id": first.actor_id,
        "created_at": first.at,
        "state": submitted.get("state"),
        "data": _dict(submitted.get("data")),
    }
    problems = []
    for entry in history[1:]:
        step = entry.payload
        if not {"from", "to"} <= step.keys():
            continue  # reminders, refused presses: they leave the request as it was
        if step["from"] != fields["state"]:
            problems.append(
                f"{entry.request_id}: seq {entry.seq} moves it from {step['from']!r}, "
                f"but its history had left it {fields['state']!r}"
            )
        _apply(fields, entry)
    return fields, problems


def _apply(fields: dict[str, Any], entry: AuditEntry) -> None:
    # Mirrors Store.transition: the patch is merged, and only a decision sets decided_*.
    step = entry.payload
    fields["state"] = step["to"]
    if patch := _dict(step.get("data_patch")):
        fields["data"] = {**fields["data"], **patch}
    if step.get("decision") is not None:
        fields |= {
            "decision": step["decision"],
            "decided_by": entry.actor_id,
            "decided_at": entry.at,
            "decision_note": step.get("note"),
        }


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _differs(record: RequestRecord, expected: dict[str, Any], fields: list[str]) -> str:
    """One sentence for the request: the first field that differs, then the others named.
    Which side was changed cannot be told: a cut log disagrees as an edited table does."""
    first, *others = fields
    actual, wanted = getattr(record, first), expected[first]
    if first == "state":
        said = (
            f"{record.id} is {actual!r} in the requests table but {wanted!r} by its audit history"
        )
    elif first == "data":
        said = f"{record.id}: its data in the requests table differs from its audit history"
    else:
        said = (
            f"{record.id}: {first} is {_show(actual)} in the requests table but "
            f"{_show(wanted)} by its audit history"
        )
    if others:
        said += f" (and {', '.join(others)} differ{'s' if len(others) == 1 else ''} too)"
    return f"{said}: one of the two was changed outside clerkbot"


def _show(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return "empty" if value is None else repr(value)
