"""MemoryStore keeps Store's contract for the core's ports (bot/core/ports.py): drafts,
the question log and feedback, and the outbox as the Dispatcher works it. Each check runs
on the SQL stores (both backends) and on MemoryStore, so the two cannot drift apart."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest

from bot.core.ports import CoreStore, OutboxStore
from tests.workflows.store.support import FakeClock
from workflows.store import OutboxMessage, Store
from workflows.store.memory import MemoryStore

Check = Callable[[Store | MemoryStore, FakeClock], Awaitable[None]]


async def _drafts_expire_and_are_copies(store: CoreStore, clock: FakeClock) -> None:
    later = clock() + timedelta(hours=1)
    await store.save_draft("c1", "amy", "software", {"step": 1, "data": {"a": 1}}, later)
    await store.save_draft("c2", "amy", "virus", {"step": 2}, clock() + timedelta(minutes=5))
    loaded = await store.load_draft("c1")
    assert loaded is not None and loaded.state == {"step": 1, "data": {"a": 1}}
    loaded.state["data"]["a"] = 99  # a caller's change is not kept
    assert (await store.load_draft("c1")).state["data"]["a"] == 1  # type: ignore[union-attr]
    assert set(await store.load_drafts("c1", "c2", "c3")) == {"c1", "c2"}
    await store.save_draft("c1", "amy", "software", {"step": 3}, later)  # replaced, not added
    assert (await store.load_draft("c1")).state == {"step": 3}  # type: ignore[union-attr]
    clock.advance(minutes=5)
    assert await store.load_draft("c2") is None  # expired: gone at once
    assert set(await store.load_drafts("c1", "c2")) == {"c1"}
    await store.delete_draft("c1")
    await store.delete_draft("c1")  # twice: nothing to delete is no error
    assert await store.load_draft("c1") is None


async def _questions_are_asked_once(store: CoreStore, clock: FakeClock) -> None:
    log = store.questions
    first = await log.record_unanswered(
        user_id="amy", council="watton", question="wifi password?", reference="watton/5.3"
    )
    second = await log.record_unanswered(
        user_id="bob", council="crewe", question="vpn?", reference=None
    )
    assert second != first
    row = await log.unanswered(first)
    assert row is not None and (row.user_id, row.question, row.request_id) == (
        "amy",
        "wifi password?",
        None,
    )
    assert await log.unanswered(first + second + 100) is None
    assert await log.mark_asked(first, "QU-0001")
    assert not await log.mark_asked(first, "QU-0002")  # a second press files nothing
    await log.set_request(first, None)  # filing failed: it may be asked again
    assert await log.mark_asked(first, "QU-0003")


async def _outbox_is_leased_then_settled(store: OutboxStore, clock: FakeClock) -> None:
    plain = await store.enqueue(OutboxMessage(recipient="user:amy", payload={"n": 1}))
    urgent = await store.enqueue(
        OutboxMessage(recipient="channel:clerk", payload={"n": 2}, urgent=True)
    )
    claimed = await store.claim_due(limit=10)
    assert [i.id for i in claimed] == [urgent, plain]  # urgent first
    assert await store.claim_due(limit=10) == []  # leased: not claimed twice
    assert [i.id for i in await store.claim_due(limit=10, recipients=["user:amy"])] == []
    await store.mark_delivered(urgent)
    await store.mark_failed(plain, "HTTP 503", clock() + timedelta(seconds=30))
    assert await store.claim_due(limit=10) == []  # not before its retry time
    clock.advance(seconds=30)
    [again] = await store.claim_due(limit=10)
    assert (again.id, again.attempts, again.last_error) == (plain, 1, "HTTP 503")
    clock.advance(seconds=61)  # its lease ran out undelivered: claimable again
    assert [i.id for i in await store.claim_due(recipients=["user:amy"])] == [plain]


CHECKS = [_drafts_expire_and_are_copies, _questions_are_asked_once, _outbox_is_leased_then_settled]


@pytest.mark.parametrize("check", CHECKS)
async def test_memory_store(check: Check, clock: FakeClock) -> None:
    await check(MemoryStore(clock), clock)


@pytest.mark.parametrize("check", CHECKS)
async def test_sql_store(check: Check, store: Store, clock: FakeClock) -> None:
    await check(store, clock)


async def test_feedback_and_unanswered_questions_make_the_review(clock: FakeClock) -> None:
    memory = MemoryStore(clock)
    await memory.record_feedback(
        user_id="amy", council="watton", question="zoom?", clause_id="watton/5.2", helpful=False
    )
    await memory.record_feedback(
        user_id="amy", council="watton", question="usb?", clause_id="watton/5.3", helpful=True
    )
    clock.advance(minutes=1)
    await memory.questions.record_unanswered(
        user_id="amy", council="watton", question="wifi?", reference=None
    )
    await memory.questions.record_unanswered(
        user_id="bob", council="crewe", question="vpn?", reference=None
    )
    missed = await memory.questions.missed("watton")
    assert [(m.kind, m.question) for m in missed] == [
        ("not helpful", "zoom?"),
        ("not covered", "wifi?"),
    ]
