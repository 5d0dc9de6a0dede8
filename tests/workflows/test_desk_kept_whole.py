"""A decision kept whole (issue 12), on SQLite, PostgreSQL and in memory: approval and
register entry in one transaction, a Clerk's "skip" is no note, and an answer keeps its own
author and time."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncConnection

from tests.workflows.conftest import person, sql_only
from tests.workflows.desk_support import actions, file, outbox
from tests.workflows.store.support import START, FakeClock
from workflows.desk import Desk, Done, NeedsNote, Refused
from workflows.store import RequestRecord, SoftwareEntry, Store
from workflows.store import software as software_store

CANT_SKIP = "This decision needs a note, so it can't be skipped."

# The register -------------------------------------------------------------------------------


@sql_only  # patches the SQL register's insert
async def test_a_refused_register_entry_leaves_the_request_undecided(
    desk: Desk, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = await file(desk)
    before_outbox = await outbox(store)
    real = software_store.register

    async def refused(conn: AsyncConnection, entry: SoftwareEntry) -> SoftwareEntry:
        await real(conn, entry)  # the row is written, then the transaction fails after it
        raise RuntimeError("register refused the insert")

    monkeypatch.setattr(software_store, "register", refused)
    clerk = person(desk.people, "clerk")
    failed = await desk.decide(record.id, "approve", clerk)
    assert failed == Refused(
        f"{record.id} couldn't be added to the software register, so it was not approved: "
        "nothing was changed. Please try again."
    )
    assert await store.get_request(record.id) == record  # still pending, no decision
    assert await store.software_register() == []
    assert await actions(store, record.id) == ["submitted"]
    assert await outbox(store) == before_outbox  # nobody is told it was approved

    monkeypatch.setattr(software_store, "register", real)
    done = await desk.decide(record.id, "approve", clerk)
    assert isinstance(done, Done) and done.request.state == "approved"
    [entry] = await store.software_register()
    assert (entry.request_id, entry.approved_by) == (record.id, "clerk")
    assert entry.approved_at == done.request.decided_at
    assert await actions(store, record.id) == ["submitted", "decision:approve"]
    assert (await store.verify_audit()).ok


@sql_only  # patches the SQL register's insert
async def test_other_decisions_register_nothing(
    desk: Desk, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def never(conn: AsyncConnection, entry: SoftwareEntry) -> Any:
        raise AssertionError("only an approval registers software")

    monkeypatch.setattr(software_store, "register", never)
    record = await file(desk)
    done = await desk.decide(record.id, "reject", person(desk.people, "clerk"), "Not needed")
    assert isinstance(done, Done) and done.request.state == "rejected"
    virus = await file(desk, "virus")
    acknowledged = await desk.decide(virus.id, "acknowledge", person(desk.people, "clerk"))
    assert isinstance(acknowledged, Done)
    assert await store.software_register() == []


# A Clerk's "skip" ---------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["skip", " Skip ", "SKIP"])
async def test_skip_is_no_note_for_a_decision_that_needs_one(
    desk: Desk, store: Store, typed: str
) -> None:
    record = await file(desk)
    clerk = person(desk.people, "clerk")
    asked = await desk.decide(record.id, "reject", clerk, typed)
    assert isinstance(asked, NeedsNote) and asked.problem == CANT_SKIP
    assert await store.get_request(record.id) == record
    assert await actions(store, record.id) == ["submitted"]
    spec = desk.catalogue.get("software")
    assert spec is not None
    reject = spec.decision("reject")
    assert reject is not None
    assert desk.note_problem("watton", reject, typed) == CANT_SKIP


async def test_skip_on_a_decision_without_a_note_keeps_none(desk: Desk, store: Store) -> None:
    record = await file(desk)
    done = await desk.decide(record.id, "approve", person(desk.people, "clerk"), "skip")
    assert isinstance(done, Done) and done.request.decision_note is None
    [entry] = [e for e in await store.audit_entries(record.id) if e.action == "decision:approve"]
    assert entry.payload["note"] is None
    told = await store.pending_outbox(["user:staff"])
    assert [m.payload["note"] for m in told] == [None]


# An answer's author and time ------------------------------------------------------------------


async def test_an_answer_is_stored_with_its_own_author_and_time(
    desk: Desk, store: Store, clock: FakeClock
) -> None:
    record = await file(desk)
    asked = await desk.decide(record.id, "ask", person(desk.people, "clerk"), "Which licence?")
    assert isinstance(asked, Done)
    later = clock.advance(hours=3)
    answered = await desk.answer_question(record.id, person(desk.people, "staff"), "Free")
    assert isinstance(answered, RequestRecord)
    [given] = answered.data["answers"]
    assert given == {
        "question": "Which licence?",
        "asked_by": "clerk",
        "asked_at": START.isoformat(),
        "answer": "Free",
        "answered_by": "staff",
        "answered_at": later.isoformat(),
    }
    [entry] = [e for e in await store.audit_entries(record.id) if e.action == "info_answered"]
    assert (entry.actor_id, entry.at) == ("staff", later)
    assert entry.payload["data_patch"]["answers"] == [given]
    assert (await store.verify_audit()).ok
