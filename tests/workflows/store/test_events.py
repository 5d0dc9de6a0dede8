"""Exactly-once handling of platform events (Slack event_id, Teams activity id)."""

from __future__ import annotations

import asyncio

from tests.workflows.store.support import FakeClock, scalar
from workflows.store import Store


async def test_a_key_is_new_only_once(store: Store) -> None:
    assert await store.first_time("slack:Ev01")
    assert not await store.first_time("slack:Ev01")
    assert await store.first_time("teams:a1")


async def test_racing_deliveries_are_handled_once(store: Store) -> None:
    results = await asyncio.gather(*(store.first_time("slack:Ev02") for _ in range(20)))
    assert results.count(True) == 1


async def test_old_keys_are_purged(store: Store, clock: FakeClock) -> None:
    await store.first_time("slack:old")
    clock.advance(hours=25)
    await store.first_time("slack:new")  # purges opportunistically
    assert await scalar(store, "SELECT count(*) FROM seen_events") == 1
    clock.advance(hours=25)
    assert await store.purge_seen() == 1
