"""MemoryStore keeps Store's contract for the Desk. Each test fails on a store that doesn't:
one that makes a stale transition, keeps half of a failed one, breaks the hash chain,
shares payloads with its callers, or keeps a different log from the SQL store's."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise
from typing import Any

import pytest

from tests.workflows.store.support import START, FakeClock, new_request
from workflows.store import (
    AuditAnchor,
    ConsequenceError,
    OutboxMessage,
    Registering,
    ReminderSpec,
    RequestRecord,
    SoftwareEntry,
    Store,
    Transition,
    registering,
)
from workflows.store.audit import entry_hash
from workflows.store.memory import MemoryStore
from workflows.store.tables import GENESIS_HASH

TOLD = OutboxMessage(recipient="user:amy", payload={"kind": "decided"})


class Refusing(Registering):
    """A register that refuses every entry."""

    def entry(self, record: RequestRecord) -> SoftwareEntry:
        raise RuntimeError("the register refused it")


@pytest.fixture
def memory(clock: FakeClock) -> MemoryStore:
    return MemoryStore(clock)


async def _decide(
    store: Store | MemoryStore, request_id: str, from_state: str = "pending", **extra: Any
) -> Transition:
    fields: dict[str, Any] = {
        "from_states": (from_state,),
        "to_state": "approved",
        "actor_id": "clerk",
        "action": "decision:approve",
        "decision": "approve",
        "notify": [TOLD],
    }
    return await store.transition(request_id, **(fields | extra))


async def _everything(store: MemoryStore) -> tuple[Any, ...]:
    return (
        await store.list_requests(),
        await store.audit_entries(),
        await store.pending_outbox(),
        await store.software_register(),
    )


async def test_a_transition_from_a_stale_state_is_refused_and_changes_nothing(
    memory: MemoryStore, clock: FakeClock
) -> None:
    request = await new_request(memory, reminders=[ReminderSpec(kind="remind", due_at=START)])
    moved = await _decide(memory, request.id)
    assert moved.ok and moved.request is not None and moved.request.version == 2
    before = await _everything(memory)
    clock.advance(minutes=1)
    stale = await _decide(
        memory,
        request.id,
        to_state="rejected",
        data_patch={"why": "late"},
        reminders=[ReminderSpec(kind="escalate", due_at=START)],
        cancel_reminders=True,
        then=registering(name="Zoom", version=None, vendor=None),
    )
    assert stale == Transition(ok=False, request=moved.request)
    assert await _everything(memory) == before
    [reminder] = await memory.claim_due_reminders()  # not cancelled, none added
    assert reminder.kind == "remind"
    assert await _decide(memory, "SW-0404") == Transition(ok=False, request=None)
    with pytest.raises(TypeError):
        await _decide(memory, request.id, from_states="approved")


async def test_a_consequence_that_raises_leaves_the_request_as_it_was(
    memory: MemoryStore, clock: FakeClock
) -> None:
    request = await new_request(memory, reminders=[ReminderSpec(kind="remind", due_at=START)])
    refused = Refusing(name="Zoom", version=None, vendor=None)
    with pytest.raises(ConsequenceError, match=request.id) as failed:
        await _decide(memory, request.id, then=refused, cancel_reminders=True)
    assert isinstance(failed.value.__cause__, RuntimeError)
    assert await memory.get_request(request.id) == request
    assert [e.action for e in await memory.audit_entries()] == ["submitted"]
    assert await memory.pending_outbox() == []
    assert await memory.software_register() == []
    assert len(await memory.claim_due_reminders()) == 1  # not cancelled either

    later = clock.advance(minutes=5)
    kept = registering(name="Zoom", version="6", vendor=None)
    moved = await _decide(memory, request.id, then=kept)
    assert moved.ok and moved.request is not None and moved.request.decided_at == later
    [entry] = await memory.software_register()
    assert (entry.request_id, entry.approved_by, entry.approved_at) == (request.id, "clerk", later)
    assert (await memory.verify_audit()).ok


async def test_a_refused_creation_uses_no_number(memory: MemoryStore) -> None:
    with pytest.raises(ValueError, match="prefix"):
        await new_request(memory, prefix="sw-")
    elsewhere = OutboxMessage(recipient="user:amy", payload={}, request_id="VR-0404")
    with pytest.raises(LookupError):  # Store's foreign key refuses it too
        await new_request(memory, notify=[elsewhere])
    assert await _everything(memory) == ([], [], [], [])
    ids = [(await new_request(memory, prefix=prefix)).id for prefix in ("SW", "VR", "SW")]
    assert ids == ["SW-0001", "VR-0001", "SW-0002"]
    assert [e.request_id for e in await memory.audit_entries()] == ids


async def test_audit_entries_chain(memory: MemoryStore, clock: FakeClock) -> None:
    await _script(memory, clock)
    entries = await memory.audit_entries()
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].prev_hash == GENESIS_HASH
    for previous, entry in pairwise(entries):
        assert entry.prev_hash == previous.hash
    assert all(entry_hash(**e.model_dump(exclude={"hash"})) == e.hash for e in entries)
    report = await memory.verify_audit([AuditAnchor(seq=2, hash=entries[1].hash)])
    assert report.ok, report.problems
    assert report.head == AuditAnchor(seq=entries[-1].seq, hash=entries[-1].hash)
    forged = await memory.verify_audit([AuditAnchor(seq=2, hash="0" * 16)])
    assert not forged.ok


async def test_memory_and_sql_keep_the_same_log(
    store: Store, memory: MemoryStore, clock: FakeClock
) -> None:
    on_sql = await _script(store, clock)
    clock.now = START
    on_memory = await _script(memory, clock)
    assert on_memory == on_sql
    sql_report, memory_report = await store.verify_audit(), await memory.verify_audit()
    assert sql_report.ok and memory_report.ok
    assert memory_report.head == sql_report.head and memory_report.head is not None
    assert await memory.audit_entries() == await store.audit_entries()
    assert await memory.pending_outbox() == await store.pending_outbox()
    assert await memory.software_register() == await store.software_register()
    for filters in ({}, {"requester_id": "bob"}, {"states": {"pending", "open"}, "limit": 1}):
        assert await memory.list_requests(**filters) == await store.list_requests(**filters)
        assert await memory.list_requests(**filters, workflow="virus") == (
            await store.list_requests(**filters, workflow="virus")
        )


async def test_changing_what_went_in_or_came_out_changes_nothing_stored(
    memory: MemoryStore,
) -> None:
    data: dict[str, Any] = {"name": "Zoom", "devices": ["laptop"]}
    told = OutboxMessage(recipient="channel:clerk", payload={"tags": ["new"]})
    record = await new_request(memory, data=data, notify=[told])
    data["name"] = "Skype"
    data["devices"].append("phone")
    told.payload["tags"].append("changed")
    record.data["devices"].append("tablet")
    fetched = await memory.get_request(record.id)
    assert fetched is not None
    fetched.data["devices"].clear()
    (await memory.audit_entries())[0].payload["data"]["name"] = "Teams"
    (await memory.pending_outbox())[0].payload["tags"].clear()
    (await memory.list_requests())[0].data["name"] = "Meet"

    patch: dict[str, Any] = {"open_question": {"question": "Which licence?"}}
    moved = await _decide(memory, record.id, to_state="info_requested", decision=None, notify=[])
    assert moved.ok
    asked = await _decide(
        memory, record.id, "info_requested", to_state="pending", decision=None, data_patch=patch
    )
    assert asked.request is not None
    patch["open_question"]["question"] = "changed"
    asked.request.data["open_question"]["question"] = "changed too"

    stored = await memory.get_request(record.id)
    assert stored is not None
    assert stored.data == {
        "name": "Zoom",
        "devices": ["laptop"],
        "open_question": {"question": "Which licence?"},
    }
    [submitted, *_] = await memory.audit_entries()
    assert submitted.payload["data"] == {"name": "Zoom", "devices": ["laptop"]}
    assert (await memory.pending_outbox())[0].payload == {"tags": ["new"]}
    assert (await memory.verify_audit()).ok


async def _script(store: Store | MemoryStore, clock: FakeClock) -> list[Any]:
    """Every call the Desk makes, a stale and a failed transition among them; what each
    call returned (or raised), in order."""
    clerk = OutboxMessage(recipient="channel:clerk", payload={"kind": "new_request"})
    soon = ReminderSpec(kind="remind", due_at=START + timedelta(minutes=10), payload={"n": 1})
    returned: list[Any] = [
        await new_request(store, notify=[clerk], reminders=[soon]),
        await new_request(
            store, workflow="virus", prefix="VR", requester_id="bob", state="open", notify=[clerk]
        ),
        await new_request(store, requester_id="bob", council="crewe", data={"name": "Slack"}),
    ]
    clock.advance(minutes=5)
    returned.append(
        await _decide(
            store,
            "SW-0001",
            to_state="info_requested",
            decision=None,
            note="Which licence?",
            data_patch={"open_question": {"by": "clerk", "question": "Which licence?"}},
        )
    )
    returned.append(await _decide(store, "SW-0001"))  # stale: it is no longer pending
    with pytest.raises(ConsequenceError) as failed:
        await _decide(store, "SW-0002", then=Refusing(name="Slack", version=None, vendor=None))
    returned.append(str(failed.value))
    clock.advance(minutes=1)
    returned.append(
        await _decide(
            store,
            "SW-0001",
            "info_requested",
            note="Fine",
            cancel_reminders=True,
            reminders=[ReminderSpec(kind="follow_up", due_at=START + timedelta(hours=1))],
            then=registering(name="Zoom", version="6", vendor="Zoom Video"),
        )
    )
    returned.append(await store.append_audit(actor_id="clerkbot", action="reminder"))
    returned.append(
        await store.append_audit(
            actor_id="clerkbot", action="escalation", request_id="VR-0001", payload={"to": "dep"}
        )
    )
    urgent = OutboxMessage(
        recipient="user:deputy", payload={"kind": "reminder"}, request_id="VR-0001", urgent=True
    )
    returned.append(await store.enqueue(urgent))
    returned.append(
        await store.schedule_reminder(
            "VR-0001", ReminderSpec(kind="escalate", due_at=START + timedelta(minutes=20))
        )
    )
    returned.append(await store.claim_due_reminders())  # nothing due yet
    clock.advance(minutes=30)
    returned.append(await store.claim_due_reminders(limit=1))
    returned.append(await store.claim_due_reminders())
    clock.advance(hours=1)
    returned.append(await store.claim_due_reminders())
    return returned
