"""The Clerk's desk on SQLite, PostgreSQL and in memory: filing, deciding exactly once,
telling people, and approved software on the register."""

from __future__ import annotations

import asyncio

from tests.workflows.conftest import person
from tests.workflows.desk_support import CATALOGUE, FORMS, actions, file, outbox
from tests.workflows.store.support import START, FakeClock
from workflows.desk import AlreadyDecided, Desk, Done, NeedsNote, Refused
from workflows.events import CLERK_CHANNEL
from workflows.store import Store

# Filing -----------------------------------------------------------------------------------


async def test_a_request_is_filed_and_the_clerk_is_told(desk: Desk, store: Store) -> None:
    record = await file(desk)
    assert (record.id, record.state, record.requester_id) == ("SW-0001", "pending", "staff")
    assert record.data == {**FORMS["software"], "_findings": []}
    assert await outbox(store) == [(CLERK_CHANNEL, "new_request", None)]
    [item] = await store.pending_outbox()
    assert item.request_id == "SW-0001" and not item.urgent
    assert await actions(store) == ["submitted"]
    assert [r.id for r in await desk.queue()] == ["SW-0001"]
    assert [r.id for r in await desk.mine(person(desk.people, "staff"))] == ["SW-0001"]
    assert await desk.mine(person(desk.people, "councillor")) == []


async def test_each_workflow_has_its_prefix_and_first_state(desk: Desk) -> None:
    filed = [
        (await file(desk, key, who)).id
        for key, who in [
            ("software", "staff"),
            ("virus", "staff"),
            ("press_release", "councillor"),
            ("abusive_post", "it"),
            ("software", "clerk"),
        ]
    ]
    assert filed == ["SW-0001", "VR-0001", "PR-0001", "AB-0001", "SW-0002"]
    states = {r.id: r.state for r in await desk.queue()}
    assert states == {
        "SW-0001": "pending",
        "VR-0001": "open",
        "PR-0001": "submitted",
        "AB-0001": "pending",
        "SW-0002": "pending",
    }


async def test_a_virus_report_is_urgent_and_goes_to_it_too(desk: Desk, store: Store) -> None:
    record = await file(desk, "virus")
    assert record.state == "open"
    items = await store.pending_outbox()
    assert sorted(i.recipient for i in items) == [CLERK_CHANNEL, "user:it"]
    assert all(i.urgent and i.request_id == record.id for i in items)


async def test_the_press_release_is_filed_with_its_findings(desk: Desk) -> None:
    record = await file(desk, "press_release", "councillor")
    [flag] = record.data["_findings"]
    assert flag.startswith("Contains phone numbers")


async def test_submit_is_refused_for_a_role_not_among_the_starters(
    desk: Desk, store: Store
) -> None:
    spec = CATALOGUE.get("press_release")
    assert spec is not None
    for who in ("staff", "clerk", "it"):
        refused = await desk.submit(spec, person(desk.people, who), "watton", FORMS[spec.key])
        assert refused == Refused("Only councillors can file a personal press release.")
    assert await store.list_requests() == []
    assert await store.pending_outbox() == []
    assert await store.audit_entries() == []


# Deciding ---------------------------------------------------------------------------------


async def test_the_clerk_approves_and_the_requester_is_told(desk: Desk, store: Store) -> None:
    record = await file(desk)
    done = await desk.decide(record.id, "approve", person(desk.people, "clerk"))
    assert isinstance(done, Done) and done.decision.key == "approve"
    after = done.request
    assert (after.state, after.decision, after.decided_by) == ("approved", "approve", "clerk")
    assert after.decided_at == START and after.decision_note is None
    assert await outbox(store) == [
        (CLERK_CHANNEL, "new_request", None),
        ("user:staff", "decided", "approve"),
        (CLERK_CHANNEL, "decided", "approve"),
    ]
    assert await actions(store, record.id) == ["submitted", "decision:approve"]
    assert await desk.queue() == []
    assert (await store.verify_audit()).ok


async def test_the_deputy_may_decide(desk: Desk) -> None:
    record = await file(desk, "abusive_post")
    done = await desk.decide(record.id, "refer", person(desk.people, "deputy"), "Full council")
    assert isinstance(done, Done)
    assert (done.request.state, done.request.decided_by) == ("referred", "deputy")
    assert done.request.decision_note == "Full council"


async def test_a_decision_by_anyone_else_is_refused_and_changes_nothing(
    desk: Desk, store: Store
) -> None:
    record = await file(desk)
    before_outbox = await outbox(store)
    for who in ("staff", "councillor", "it"):
        refused = await desk.decide(record.id, "approve", person(desk.people, who))
        assert refused == Refused("Only the Clerk or the deputy Clerk can decide requests.")
    assert await store.get_request(record.id) == record
    assert await outbox(store) == before_outbox
    assert await store.software_register() == []
    entries = await store.audit_entries(record.id)
    refusals = [e for e in entries if e.action == "decision_refused"]
    assert [(e.actor_id, e.payload) for e in refusals] == [
        ("staff", {"decision": "approve", "role": "staff"}),
        ("councillor", {"decision": "approve", "role": "councillor"}),
        ("it", {"decision": "approve", "role": "it_provider"}),
    ]
    assert not any(e.action.startswith("decision:") for e in entries)
    assert (await store.verify_audit()).ok


async def test_forged_values_are_refused(desk: Desk, store: Store) -> None:
    record = await file(desk)
    clerk = person(desk.people, "clerk")
    cases = [
        ("SW-9999", "approve", "There's no request SW-9999."),
        ("VR-0001", "acknowledge", "There's no request VR-0001."),
        (
            "SW-0001'; DROP TABLE requests; --",
            "approve",
            "There's no request SW-0001'; DROP TABLE.",
        ),
        (record.id, "explode", "That isn't a decision the Clerk can take on a software request."),
        (record.id, "acknowledge", "That isn't a decision the Clerk can take on a software"),
        (record.id, "", "That isn't a decision"),
    ]
    for request_id, key, says in cases:
        refused = await desk.decide(request_id, key, clerk)
        assert isinstance(refused, Refused) and refused.reason.startswith(says), refused
    assert await store.get_request(record.id) == record
    assert await actions(store) == ["submitted"]


async def test_a_request_id_is_found_whatever_its_case(desk: Desk) -> None:
    record = await file(desk)
    done = await desk.decide(" sw-0001 ", "approve", person(desk.people, "clerk"))
    assert isinstance(done, Done) and done.request.id == record.id


async def test_reject_needs_a_note(desk: Desk, store: Store) -> None:
    record = await file(desk)
    clerk = person(desk.people, "clerk")
    for note in (None, "", "   "):
        asked = await desk.decide(record.id, "reject", clerk, note)
        assert isinstance(asked, NeedsNote) and asked.decision.key == "reject"
        assert "Why is it rejected?" in asked.decision.note_prompt
    assert await store.get_request(record.id) == record
    checked = await desk.check(record.id, "reject", clerk)
    assert isinstance(checked, NeedsNote)
    too_long = await desk.decide(record.id, "reject", clerk, "x" * 2001)
    assert isinstance(too_long, Refused) and "too long" in too_long.reason
    assert await store.get_request(record.id) == record
    done = await desk.decide(record.id, "reject", clerk, "  We already have Teams.  ")
    assert isinstance(done, Done)
    assert (done.request.state, done.request.decision_note) == (
        "rejected",
        "We already have Teams.",
    )
    [told] = await store.pending_outbox(["user:staff"])
    assert told.payload["note"] == "We already have Teams."
    assert await store.software_register() == []


async def test_a_second_decision_finds_the_first(desk: Desk, clock: FakeClock) -> None:
    record = await file(desk)
    await desk.decide(record.id, "approve", person(desk.people, "clerk"))
    clock.advance(minutes=5)
    again = await desk.decide(record.id, "reject", person(desk.people, "deputy"), "No")
    assert isinstance(again, AlreadyDecided)
    assert (again.request.decision, again.request.decided_by) == ("approve", "clerk")
    assert again.request.decided_at == START
    checked = await desk.check(record.id, "approve", person(desk.people, "clerk"))
    assert isinstance(checked, AlreadyDecided)


async def test_twenty_concurrent_decisions_yield_exactly_one(desk: Desk, store: Store) -> None:
    record = await file(desk)
    clerk, deputy = person(desk.people, "clerk"), person(desk.people, "deputy")
    outcomes = await asyncio.gather(
        *(desk.decide(record.id, "approve", clerk if n % 2 else deputy) for n in range(20))
    )
    done = [o for o in outcomes if isinstance(o, Done)]
    lost = [o for o in outcomes if isinstance(o, AlreadyDecided)]
    assert (len(done), len(lost)) == (1, 19)
    winner = done[0].request
    assert all(o.request.decided_by == winner.decided_by for o in lost)
    assert all(o.request.state == "approved" for o in lost)
    assert (await actions(store, record.id)).count("decision:approve") == 1
    assert [k for _, k, _ in await outbox(store)].count("decided") == 2  # requester + channel
    assert len(await store.pending_outbox(["user:staff"])) == 1
    assert len(await store.software_register()) == 1
    assert (await store.verify_audit()).ok


# The register -------------------------------------------------------------------------------


async def test_approving_software_puts_it_on_the_register(
    desk: Desk, store: Store, clock: FakeClock
) -> None:
    rejected = await file(desk)
    await desk.decide(rejected.id, "reject", person(desk.people, "clerk"), "Not needed")
    record = await file(desk)
    clock.advance(minutes=7)
    await desk.decide(record.id, "approve", person(desk.people, "clerk"))
    [entry] = await store.software_register("watton")
    assert (entry.name, entry.version, entry.request_id, entry.approved_by) == (
        "Zoom",
        "Zoom Workplace 6.2",
        record.id,
        "clerk",
    )
    assert entry.approved_at == clock.now and entry.council == "watton"
    assert await store.software_register("crewe") == []


async def test_the_queue_is_urgent_first_then_longest_waiting(desk: Desk, clock: FakeClock) -> None:
    first = await file(desk, "software")
    clock.advance(minutes=5)
    second = await file(desk, "abusive_post")
    clock.advance(minutes=5)
    virus = await file(desk, "virus")
    assert [r.id for r in await desk.queue()] == [virus.id, first.id, second.id]
