"""Drafts: one per conversation, replaced on save, invisible once expired."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.workflows.store.support import START, FakeClock
from workflows.store import Store

EXPIRES = START + timedelta(hours=1)


async def test_save_load_and_replace(store: Store, clock: FakeClock) -> None:
    assert await store.load_draft("console:staff") is None
    await store.save_draft("console:staff", "amy", "software", {"step": "name"}, EXPIRES)
    draft = await store.load_draft("console:staff")
    assert draft is not None
    assert (draft.user_id, draft.workflow, draft.state) == ("amy", "software", {"step": "name"})
    assert (draft.updated_at, draft.expires_at) == (START, EXPIRES)
    later = clock.advance(minutes=5)
    await store.save_draft(
        "console:staff", "amy", "virus", {"step": "when"}, later + timedelta(hours=1)
    )
    draft = await store.load_draft("console:staff")
    assert draft is not None and (draft.workflow, draft.updated_at) == ("virus", later)
    await store.delete_draft("console:staff")
    await store.delete_draft("console:staff")  # deleting nothing is fine
    assert await store.load_draft("console:staff") is None


async def test_expired_drafts_are_ignored_then_purged(store: Store, clock: FakeClock) -> None:
    await store.save_draft("a", "amy", "software", {}, EXPIRES)
    await store.save_draft("b", "bob", "software", {}, EXPIRES + timedelta(hours=1))
    clock.now = EXPIRES
    assert await store.load_draft("a") is None
    assert await store.load_draft("b") is not None
    assert await store.purge_expired_drafts() == 1
    assert await store.purge_expired_drafts() == 0


async def test_several_drafts_in_one_read_skip_the_missing_and_expired(
    store: Store, clock: FakeClock
) -> None:
    await store.save_draft("a", "amy", "software", {"n": 1}, EXPIRES)
    await store.save_draft("b", "bob", "virus", {"n": 2}, EXPIRES + timedelta(hours=1))
    found = await store.load_drafts("a", "b", "nobody")
    assert {k: (d.user_id, d.state) for k, d in found.items()} == {
        "a": ("amy", {"n": 1}),
        "b": ("bob", {"n": 2}),
    }
    clock.now = EXPIRES
    assert list(await store.load_drafts("a", "b")) == ["b"]


async def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="naive"):
        await store.save_draft("a", "amy", "software", {}, EXPIRES.replace(tzinfo=None))
