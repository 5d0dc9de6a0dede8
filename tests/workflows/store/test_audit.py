"""The audit hash chain: intact logs verify; edits, deletions and forgeries do not, nor,
against an anchor taken before, a chain recomputed or cut short by someone with write
access to the database."""

from __future__ import annotations

import asyncio
from itertools import pairwise

from sqlalchemy import JSON, bindparam, insert, text, update

from tests.workflows.store.support import FakeClock, execute
from workflows.store import AuditAnchor, Store
from workflows.store.audit import entry_hash
from workflows.store.tables import GENESIS_HASH, AuditHead, AuditRow


async def _log(store: Store, clock: FakeClock, count: int = 5) -> None:
    for n in range(count):
        clock.advance(seconds=1)
        await store.append_audit(actor_id=f"user{n}", action="note", payload={"n": n})


async def test_an_intact_log_verifies(store: Store, clock: FakeClock) -> None:
    await _log(store, clock)
    entries = await store.audit_entries()
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert all(later.prev_hash == earlier.hash for earlier, later in pairwise(entries))
    assert entries[0].at.tzinfo is not None
    assert await store.verify_audit() == await store.verify_audit()
    report = await store.verify_audit()
    assert (report.ok, report.checked, report.problems) == (True, 5, [])


async def test_entries_filter_by_request(store: Store) -> None:
    await store.append_audit(actor_id="a", action="x", request_id="SW-0001", payload=None)
    await store.append_audit(actor_id="b", action="y", request_id="SW-0002")
    assert [e.actor_id for e in await store.audit_entries("SW-0002")] == ["b"]
    assert (await store.audit_entries("SW-0001"))[0].payload == {}


async def test_concurrent_appends_keep_one_chain(store: Store) -> None:
    await asyncio.gather(*(store.append_audit(actor_id=f"u{n}", action="note") for n in range(20)))
    report = await store.verify_audit()
    assert report.ok and report.checked == 20


async def test_edited_entries_are_detected(store: Store, clock: FakeClock) -> None:
    await _log(store, clock)
    edit = text("UPDATE audit_log SET payload = :payload WHERE seq = 3").bindparams(
        bindparam("payload", type_=JSON)
    )
    async with store.engine.begin() as conn:
        await conn.execute(edit, {"payload": {"n": 99}})
    await execute(store, "UPDATE audit_log SET actor_id = 'mallory' WHERE seq = 5")
    report = await store.verify_audit()
    assert not report.ok
    assert report.problems == [
        "seq 3: contents do not match its hash (entry edited)",
        "seq 5: contents do not match its hash (entry edited)",
    ]


async def test_a_deleted_middle_row_is_detected(store: Store, clock: FakeClock) -> None:
    await _log(store, clock)
    assert await execute(store, "DELETE FROM audit_log WHERE seq = 2") == 1
    report = await store.verify_audit()
    assert not report.ok and report.checked == 4
    assert any("seq 3: expected seq 2" in problem for problem in report.problems)


async def test_a_deleted_last_row_is_detected(store: Store, clock: FakeClock) -> None:
    await _log(store, clock)
    assert await execute(store, "DELETE FROM audit_log WHERE seq = 5") == 1
    report = await store.verify_audit()
    assert not report.ok
    assert "the log ends at seq 4 but its head records seq 5" in report.problems[0]


async def test_reordered_rows_are_detected(store: Store, clock: FakeClock) -> None:
    await _log(store, clock)
    # Swap the contents of entries 2 and 3, hashes and all.
    await execute(store, "UPDATE audit_log SET seq = 100 WHERE seq = 2")
    await execute(store, "UPDATE audit_log SET seq = 2 WHERE seq = 3")
    await execute(store, "UPDATE audit_log SET seq = 3 WHERE seq = 100")
    report = await store.verify_audit()
    assert not report.ok


async def test_a_forged_row_with_a_valid_hash_is_detected(store: Store, clock: FakeClock) -> None:
    await _log(store, clock, count=2)
    last = (await store.audit_entries())[-1]
    fields = last.model_dump(exclude={"hash"}) | {"seq": 3, "prev_hash": last.hash}
    async with store.engine.begin() as conn:  # behind the store's back
        await conn.execute(insert(AuditRow).values({**fields, "hash": entry_hash(**fields)}))
    report = await store.verify_audit()
    assert not report.ok
    assert "head records seq 2" in report.problems[0]


async def test_verifying_during_appends_sees_a_consistent_log(store: Store) -> None:
    appends = [store.append_audit(actor_id=f"u{n}", action="note") for n in range(12)]
    checks = [store.verify_audit() for _ in range(6)]
    results = await asyncio.gather(*appends, *checks)
    assert all(report.ok for report in results[12:])


async def _head(store: Store) -> AuditAnchor:
    head = (await store.verify_audit()).head
    assert head is not None
    return head


async def _recompute_from(store: Store, seq: int, **changes: object) -> None:
    """Edit entry ``seq`` and rehash it and every later entry, head included: what anyone
    with write access to the database can do without a key."""
    entries = await store.audit_entries()
    prev_hash = entries[seq - 2].hash if seq > 1 else GENESIS_HASH
    async with store.engine.begin() as conn:
        for entry in entries[seq - 1 :]:
            fields = entry.model_dump(exclude={"hash"}) | {"prev_hash": prev_hash}
            fields |= changes if entry.seq == seq else {}
            prev_hash = entry_hash(**fields)
            row = update(AuditRow).where(AuditRow.seq == entry.seq)
            await conn.execute(row.values(**fields, hash=prev_hash))
        await conn.execute(update(AuditHead).values(hash=prev_hash))


async def test_an_intact_log_verifies_against_its_anchors(store: Store, clock: FakeClock) -> None:
    await _log(store, clock, count=2)
    first = await _head(store)
    await _log(store, clock, count=3)
    latest = await _head(store)
    by_hand = AuditAnchor(seq=latest.seq, hash=latest.hash[:16], source="minutes")
    report = await store.verify_audit([first, latest, by_hand])
    assert (report.ok, report.problems, report.anchors) == (True, [], 3)
    assert (first.seq, latest.seq) == (2, 5)
    assert report.head == AuditAnchor(seq=5, hash=(await store.audit_entries())[-1].hash)


async def test_a_recomputed_chain_is_caught_by_an_anchor(store: Store, clock: FakeClock) -> None:
    await _log(store, clock)
    anchor = (await _head(store)).model_copy(update={"source": "minutes of 26 November"})
    await _recompute_from(store, 2, actor_id="mallory", payload={"n": 99})
    assert (await store.verify_audit()).ok  # the chain alone is fooled
    report = await store.verify_audit([anchor])
    assert not report.ok
    assert report.problems == [
        f"anchor seq 5 (minutes of 26 November): entry 5 now hashes to "
        f"{(await _head(store)).hash[:16]}…, not the anchored {anchor.hash[:16]}…: "
        "the log was rewritten and its chain recomputed"
    ]


async def test_a_cut_tail_with_its_head_set_back_is_caught(store: Store, clock: FakeClock) -> None:
    await _log(store, clock, count=3)
    early = await _head(store)
    await _log(store, clock, count=2)
    anchor = await _head(store)
    await execute(store, "DELETE FROM audit_log WHERE seq > 3")
    await execute(
        store, "UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_log WHERE seq = 3)"
    )
    assert (await store.verify_audit([early])).ok  # what was anchored before still stands
    report = await store.verify_audit([early, anchor])
    assert not report.ok
    assert report.problems == [
        "anchor seq 5: the log has no entry 5 any more: "
        "entries were removed from the end and the head set back"
    ]
