"""Whole conversations, on SQLite and PostgreSQL: a Clerk who says skip at the reason prompt
gives no reason, and a requester's answer is kept as theirs, with its own time."""

from __future__ import annotations

from bot.app import Core
from tests.bot.console.conftest import Script
from tests.bot.console.test_chat import fill_software
from tests.workflows.store.support import START, FakeClock


async def test_skip_at_the_reason_prompt_is_no_reason(core: Core, clock: FakeClock) -> None:
    s = Script(core, clock)
    await fill_software(s)
    await s.run("/as clerk", "show SW-0001")
    assert "Why is it rejected?" in await s.say("Reject")
    out = await s.say("skip")
    assert out.startswith("This decision needs a note, so it can't be skipped. Reject SW-0001.")
    record = await core.store.get_request("SW-0001")
    assert record is not None
    assert (record.state, record.decision, record.decision_note) == ("pending", None, None)
    assert "Rejected" in await s.say("We already pay for Teams.")
    record = await core.store.get_request("SW-0001")
    assert record is not None
    assert (record.state, record.decision_note) == ("rejected", "We already pay for Teams.")
    notes = [e.payload.get("note") for e in await core.store.audit_entries("SW-0001")]
    assert "skip" not in notes


async def test_the_requesters_answer_is_theirs_at_the_time_they_gave_it(
    core: Core, clock: FakeClock
) -> None:
    s = Script(core, clock)
    await fill_software(s)
    await s.run("/as clerk", "show SW-0001", "Ask for more information", "Which licence?")
    await s.say("/as staff")
    answered_at = s.later(hours=2)
    await s.say("1")  # Answer the Clerk
    assert "has gone to the Clerk" in await s.say("The free one")
    record = await core.store.get_request("SW-0001")
    assert record is not None
    [given] = record.data["answers"]
    assert (given["asked_by"], given["asked_at"]) == ("clerk", START.isoformat())
    assert (given["answered_by"], given["answered_at"]) == ("staff", answered_at.isoformat())
    assert "by" not in given and "at" not in given  # never the Clerk's name on their words
    [entry] = [e for e in await core.store.audit_entries("SW-0001") if e.action == "info_answered"]
    assert (entry.actor_id, entry.at) == ("staff", answered_at)
