"""The outbox: claiming with a lease, retries after failure, delivery, concurrent senders."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from tests.workflows.store.support import START, Backend, FakeClock
from workflows.store import OutboxMessage, Store


def _message(recipient: str = "user:amy", urgent: bool = False, n: int = 0) -> OutboxMessage:
    return OutboxMessage(recipient=recipient, payload={"n": n}, urgent=urgent)


async def test_claims_urgent_first_and_leases(store: Store, clock: FakeClock) -> None:
    plain = await store.enqueue(_message())
    urgent = await store.enqueue(_message(urgent=True))
    claimed = await store.claim_due(lease=timedelta(seconds=30))
    assert [item.id for item in claimed] == [urgent, plain]
    assert claimed[1].payload == {"n": 0} and claimed[1].attempts == 0
    assert claimed[1].created_at == claimed[1].next_attempt_at == START
    assert await store.claim_due() == []  # leased
    clock.advance(seconds=31)
    assert len(await store.claim_due()) == 2  # the lease ran out without a verdict


async def test_a_failure_is_retried_later(store: Store, clock: FakeClock) -> None:
    item_id = await store.enqueue(_message())
    await store.claim_due()
    retry_at = clock.now + timedelta(minutes=2)
    await store.mark_failed(item_id, "slack 503", retry_at)
    assert await store.claim_due() == []
    clock.now = retry_at
    [again] = await store.claim_due()
    assert (again.id, again.attempts, again.last_error) == (item_id, 1, "slack 503")
    assert again.next_attempt_at == retry_at


async def test_delivered_items_are_done(store: Store, clock: FakeClock) -> None:
    item_id = await store.enqueue(_message())
    await store.claim_due()
    await store.mark_delivered(item_id)
    assert await store.pending_outbox() == []
    clock.advance(hours=1)
    assert await store.claim_due() == []


async def test_recipients_filter(store: Store) -> None:
    await store.enqueue(_message("user:amy"))
    clerk = await store.enqueue(_message("channel:clerk"))
    assert [i.id for i in await store.pending_outbox(recipients=["channel:clerk"])] == [clerk]
    assert [i.id for i in await store.claim_due(recipients={"channel:clerk"})] == [clerk]
    assert len(await store.pending_outbox()) == 2


async def test_limit(store: Store) -> None:
    for n in range(5):
        await store.enqueue(_message(n=n))
    assert [i.payload["n"] for i in await store.claim_due(limit=3)] == [0, 1, 2]
    assert [i.payload["n"] for i in await store.claim_due(limit=3)] == [3, 4]


async def test_concurrent_claimers_never_share_an_item(store: Store) -> None:
    for n in range(40):
        await store.enqueue(_message(n=n))
    batches = await asyncio.gather(*(store.claim_due(limit=7) for _ in range(8)))
    claimed = [item.id for batch in batches for item in batch]
    assert len(claimed) == len(set(claimed)) == 40


async def test_two_replicas_never_share_an_item(
    store: Store, backend: Backend, clock: FakeClock
) -> None:
    other = await backend.open(clock)
    try:
        for n in range(30):
            await store.enqueue(_message(n=n))
        claims = (replica.claim_due(limit=4) for replica in (store, other) * 5)
        batches = await asyncio.gather(*claims)
    finally:
        await other.close()
    claimed = [item.id for batch in batches for item in batch]
    assert len(claimed) == len(set(claimed)) == 30
