"""`clerkbot requests list|show|export`: the council's record (the audit log: audit.py)."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from bot.app import open_core
from bot.console.render import render_reply
from bot.core.present import listing, request_card, when
from bot.settings import Settings
from workflows.catalogue import Catalogue
from workflows.people import Directory
from workflows.store import RequestRecord, Store

_COLUMNS = (
    "id",
    "workflow",
    "council",
    "requester",
    "state",
    "decision",
    "decided_by",
    "decided_at",
    "decision_note",
    "created_at",
    "data",
)


async def requests_command(
    settings: Settings, action: str, request_id: str | None, out: TextIO
) -> int:
    core = await open_core(settings)
    try:
        records = await core.store.list_requests(limit=100_000)
        if action == "list":
            specs = {s.key: s for s in core.desk.catalogue}
            empty = "No requests yet."
            print(
                render_reply(
                    listing(records, "Requests:", empty, specs, core.people), with_buttons=False
                ),
                file=out,
            )
            return 0
        if action == "export":
            _export(records, core.people, out)
            return 0
        return await _show(core.store, core.desk.catalogue, core.people, request_id or "", out)
    finally:
        await core.close()


async def _show(
    store: Store, catalogue: Catalogue, people: Directory, request_id: str, out: TextIO
) -> int:
    record = await store.get_request(request_id.strip().upper())
    spec = catalogue.get(record.workflow) if record else None
    if record is None or spec is None:
        print(f"clerkbot: no request {request_id!r}")
        return 1
    print(
        render_reply(request_card(record, spec, people, decider=False), with_buttons=False),
        file=out,
    )
    print("History:", file=out)
    for entry in await store.audit_entries(record.id):
        note = entry.payload.get("note") if entry.payload else None
        extra = f" — {note}" if note else ""
        print(
            f"  {when(entry.at)}  {people.name_of(entry.actor_id)}: {entry.action}{extra}",
            file=out,
        )
    return 0


def _export(records: list[RequestRecord], people: Directory, out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(_COLUMNS)
    for r in records:
        writer.writerow(
            [
                r.id,
                r.workflow,
                r.council,
                people.name_of(r.requester_id, r.requester_name),
                r.state,
                r.decision or "",
                r.decided_by or "",
                r.decided_at.isoformat() if r.decided_at else "",
                r.decision_note or "",
                r.created_at.isoformat(),
                json.dumps(r.data, sort_keys=True, ensure_ascii=False),
            ]
        )
