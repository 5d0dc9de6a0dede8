"""`verify_audit` replays each request's history: an edit of the requests table, made with
SQL behind the store's back, is caught although the chain itself is untouched."""

from __future__ import annotations

import asyncio

from sqlalchemy import JSON, bindparam, text

from tests.workflows.store.support import FakeClock, execute, new_request
from workflows.store import Store


async def _decided(store: Store, clock: FakeClock) -> None:
    """SW-0001 through every kind of step; SW-0002 left pending."""
    first = await new_request(store)
    await new_request(store, requester_id="bob")
    steps = [
        ("pending", "info_requested", "decision:ask", None, {"open_question": {"q": "Why?"}}),
        ("info_requested", "pending", "info_answered", None, {"open_question": None}),
        ("pending", "approved", "decision:approve", "approve", None),
    ]
    for from_state, to_state, action, decision, patch in steps:
        clock.advance(minutes=5)
        await store.append_audit(actor_id="clerkbot", action="reminder", request_id=first.id)
        moved = await store.transition(
            first.id,
            from_states=[from_state],
            to_state=to_state,
            actor_id="clerk",
            action=action,
            note="ok",
            decision=decision,
            data_patch=patch,
        )
        assert moved.ok


async def test_requests_that_match_their_history_verify(store: Store, clock: FakeClock) -> None:
    await _decided(store, clock)
    report = await store.verify_audit()
    assert (report.ok, report.problems, report.requests) == (True, [], 2)


async def test_a_state_changed_in_the_table_is_caught(store: Store, clock: FakeClock) -> None:
    await _decided(store, clock)
    assert await execute(store, "UPDATE requests SET state = 'approved' WHERE id = 'SW-0002'")
    report = await store.verify_audit()
    assert not report.ok
    assert report.problems == [
        "SW-0002 is 'approved' in the requests table but 'pending' by its audit history: "
        "one of the two was changed outside clerkbot"
    ]


async def test_a_decision_and_answers_changed_in_the_table_are_caught(
    store: Store, clock: FakeClock
) -> None:
    await _decided(store, clock)
    await execute(store, "UPDATE requests SET decided_by = 'mallory' WHERE id = 'SW-0001'")
    edit = text("UPDATE requests SET data = :data WHERE id = 'SW-0002'").bindparams(
        bindparam("data", type_=JSON)
    )
    async with store.engine.begin() as conn:
        await conn.execute(edit, {"data": {"name": "Dropbox", "reason": "meetings"}})
    problems = (await store.verify_audit()).problems
    assert problems == [
        "SW-0001: decided_by is 'mallory' in the requests table but 'clerk' by its audit "
        "history: one of the two was changed outside clerkbot",
        "SW-0002: its data in the requests table differs from its audit history: "
        "one of the two was changed outside clerkbot",
    ]


async def test_requests_inserted_or_deleted_directly_are_caught(
    store: Store, clock: FakeClock
) -> None:
    await _decided(store, clock)
    assert await execute(store, "DELETE FROM requests WHERE id = 'SW-0002'")
    columns = "workflow, council, requester_id, data, state, created_at, updated_at, version"
    await execute(
        store,
        f"INSERT INTO requests (id, {columns}) "
        f"SELECT 'SW-0099', {columns} FROM requests WHERE id = 'SW-0001'",
    )
    problems = (await store.verify_audit()).problems
    assert problems == [
        "SW-0099 has no audit history: it was added to the requests table directly",
        "SW-0002 was submitted (seq 2) but is missing from the requests table: "
        "it was deleted outside clerkbot",
    ]


async def test_a_cut_tail_leaves_requests_its_history_cannot_explain(
    store: Store, clock: FakeClock
) -> None:
    await _decided(store, clock)
    # Drop the approval from the log and set the head back: the chain alone verifies.
    await execute(store, "DELETE FROM audit_log WHERE action = 'decision:approve'")
    await execute(
        store,
        "UPDATE audit_head SET seq = seq - 1, hash = (SELECT hash FROM audit_log "
        "WHERE seq = (SELECT MAX(seq) FROM audit_log))",
    )
    report = await store.verify_audit()
    assert not report.ok
    assert report.problems == [
        "SW-0001 is 'approved' in the requests table but 'pending' by its audit history "
        "(and decision, decided_by, decided_at, decision_note differ too): "
        "one of the two was changed outside clerkbot"
    ]


async def test_verifying_during_transitions_sees_requests_and_log_alike(store: Store) -> None:
    filed = [await new_request(store, requester_id=f"u{n}") for n in range(8)]
    moves = [
        store.transition(
            r.id, from_states=["pending"], to_state="approved", actor_id="clerk", action="ok"
        )
        for r in filed
    ]
    checks = [store.verify_audit() for _ in range(8)]
    results = await asyncio.gather(*moves, *checks)
    assert [report.problems for report in results[8:]] == [[]] * 8
