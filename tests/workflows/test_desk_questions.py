"""The Clerk asks for more information on SQLite, PostgreSQL and in memory: the question, the
requester's answer, and the request back on the desk."""

from __future__ import annotations

from tests.workflows.conftest import person
from tests.workflows.desk_support import FORMS, actions, file
from tests.workflows.store.support import START
from workflows.desk import Desk, Done, Refused
from workflows.events import CLERK_CHANNEL
from workflows.store import RequestRecord, Store

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
