"""The Clerk's desk on SQLite, PostgreSQL and in memory: filing, deciding exactly once,
telling people."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.workflows.conftest import TIMING, person, sql_only
from tests.workflows.store.support import START, Backend, FakeClock
from workflows.catalogue import Catalogue
from workflows.desk import AlreadyDecided, Desk, Done, NeedsNote, Refused
from workflows.events import CLERK_CHANNEL
from workflows.people import Directory
from workflows.store import RequestRecord, Store

CATALOGUE = Catalogue()

FORMS: dict[str, dict[str, Any]] = {
    "software": {
        "name": "Zoom",
        "version": "Zoom Workplace 6.2",
        "purpose": "Remote committee meetings",
        "devices": "Office laptop",
        "cost": "Free",
        "personal_data": True,
    },
    "virus": {
        "device": "Office laptop",
        "symptoms": "Files renamed to .locked",
        "started": "This morning",
        "trigger": None,
        "personal_data": False,
    },
    "press_release": {
        "headline": "Play area opens",
        "body": "Call me on 01953 881234. This is a personal statement and is not necessarily "
        "the view of the Town Council.",
        "signatory": "Chris Smith",
        "photos": False,
    },
    "abusive_post": {
        "platform": "facebook",
        "link": None,
        "content": "Calls the clerk a liar",
        "target": "staff",
        "category": "personal_attack",
        "at_risk": False,
        "author": None,
    },
}


async def file(desk: Desk, key: str = "software", who: str = "staff") -> RequestRecord:
    spec = CATALOGUE.get(key)
    assert spec is not None
    filed = await desk.submit(spec, person(desk.people, who), "watton", dict(FORMS[key]))
    assert isinstance(filed, RequestRecord), filed
    return filed


async def outbox(store: Store) -> list[tuple[str, str, str | None]]:
    """(recipient, event kind, decision or level) for every undelivered notification."""
    return [
        (
            item.recipient,
            item.payload["kind"],
            item.payload.get("decision") or item.payload.get("level"),
        )
        for item in await store.pending_outbox()
    ]


async def actions(store: Store, request_id: str | None = None) -> list[str]:
    return [e.action for e in await store.audit_entries(request_id)]


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


# Asking for more information -------------------------------------------------------------


async def test_ask_for_information_then_the_answer_returns_it_to_pending(
    desk: Desk, store: Store
) -> None:
    record = await file(desk)
    clerk, staff = person(desk.people, "clerk"), person(desk.people, "staff")
    asked = await desk.decide(record.id, "ask", clerk, "Which licence will you buy?")
    assert isinstance(asked, Done)
    assert asked.request.state == "info_requested" and asked.request.decision is None
    assert asked.request.data["open_question"] == {
        "by": "clerk",
        "at": START.isoformat(),
        "question": "Which licence will you buy?",
    }
    [question] = await store.pending_outbox(["user:staff"])
    assert question.payload["note"] == "Which licence will you buy?"
    assert [r.id for r in await desk.queue()] == [record.id]  # still waiting on the desk

    stranger = await desk.answer_question(record.id, person(desk.people, "councillor"), "Pro")
    assert isinstance(stranger, Refused)
    answered = await desk.answer_question(record.id, staff, "The free one")
    assert isinstance(answered, RequestRecord)
    assert answered.state == "pending" and answered.data["open_question"] is None
    assert answered.data["answers"] == [
        {
            "question": "Which licence will you buy?",
            "asked_by": "clerk",
            "asked_at": START.isoformat(),
            "answer": "The free one",
            "answered_by": "staff",
            "answered_at": START.isoformat(),
        }
    ]
    assert FORMS["software"].items() <= answered.data.items()  # the form is kept
    told = await store.pending_outbox([CLERK_CHANNEL])
    [back] = [i for i in told if i.payload["kind"] == "info_answered"]
    assert back.payload == {
        "kind": "info_answered",
        "request_id": record.id,
        "answer": "The free one",
        "by": "staff",
    }
    twice = await desk.answer_question(record.id, staff, "again")
    assert twice == Refused(f"{record.id} isn't waiting for an answer from you.")
    done = await desk.decide(record.id, "approve", clerk)
    assert isinstance(done, Done) and done.request.data["answers"][0]["answer"] == "The free one"
    assert await actions(store, record.id) == [
        "submitted",
        "decision:ask",
        "info_answered",
        "decision:approve",
    ]


async def test_an_answer_is_refused_when_nothing_was_asked(desk: Desk) -> None:
    record = await file(desk)
    staff = person(desk.people, "staff")
    assert await desk.answer_question(record.id, staff, "hi") == Refused(
        f"{record.id} isn't waiting for an answer from you."
    )
    assert isinstance(await desk.answer_question("SW-0404", staff, "hi"), Refused)


# Reminders ----------------------------------------------------------------------------------


async def test_an_unacknowledged_virus_report_reminds_then_escalates(
    desk: Desk, store: Store, clock: FakeClock
) -> None:
    record = await file(desk, "virus")
    clock.advance(minutes=29)
    assert await desk.fire_reminders() == 0
    clock.advance(minutes=1)
    assert await desk.fire_reminders() == 1
    [reminder] = [i for i in await store.pending_outbox() if i.payload["kind"] == "reminder"]
    assert (reminder.recipient, reminder.payload["level"], reminder.urgent) == (
        CLERK_CHANNEL,
        "reminder",
        True,
    )
    assert await desk.fire_reminders() == 0  # each reminder fires once
    clock.advance(minutes=19)
    assert await desk.fire_reminders() == 0
    clock.advance(minutes=1)
    assert await desk.fire_reminders() == 1
    assert [(r, lv) for r, k, lv in await outbox(store) if k == "reminder"] == [
        (CLERK_CHANNEL, "reminder"),
        ("user:deputy", "escalation"),
    ]
    clock.advance(hours=24)
    assert await desk.fire_reminders() == 0
    assert await actions(store, record.id) == ["submitted", "reminder", "escalation"]


async def test_no_reminder_after_acknowledgement(
    desk: Desk, store: Store, clock: FakeClock
) -> None:
    record = await file(desk, "virus")
    clock.advance(minutes=10)
    done = await desk.decide(record.id, "acknowledge", person(desk.people, "clerk"))
    assert isinstance(done, Done) and done.request.state == "acknowledged"
    assert done.request.data["acknowledged"] == {"by": "clerk", "at": clock.now.isoformat()}
    clock.advance(hours=2)
    assert await desk.fire_reminders() == 0
    assert not any(k == "reminder" for _, k, _ in await outbox(store))
    resolved = await desk.decide(record.id, "resolve", person(desk.people, "deputy"), "Wiped")
    assert isinstance(resolved, Done) and resolved.request.decision == "resolve"


async def test_no_escalation_after_acknowledging_the_reminder(
    desk: Desk, store: Store, clock: FakeClock
) -> None:
    record = await file(desk, "virus")
    clock.advance(minutes=30)
    assert await desk.fire_reminders() == 1
    await desk.decide(record.id, "acknowledge", person(desk.people, "deputy"))
    clock.advance(hours=1)
    assert await desk.fire_reminders() == 0
    assert not any(r == "user:deputy" for r, _, _ in await outbox(store))


async def test_other_requests_are_never_chased(desk: Desk, clock: FakeClock) -> None:
    await file(desk, "software")
    await file(desk, "abusive_post")
    clock.advance(days=3)
    assert await desk.fire_reminders() == 0


@sql_only  # a restart reopens the database
async def test_reminders_survive_a_restart(
    backend: Backend, store: Store, people: Directory, clock: FakeClock
) -> None:
    first = Desk(store, people, CATALOGUE, clock, TIMING)
    record = await file(first, "virus")
    await store.close()
    reopened = await backend.open(clock)
    try:
        again = Desk(reopened, people, CATALOGUE, clock, TIMING)
        clock.advance(minutes=31)
        assert await again.fire_reminders() == 1
        assert await actions(reopened, record.id) == ["submitted", "reminder"]
    finally:
        await reopened.close()


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
