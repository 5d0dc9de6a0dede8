"""The software register, platform references and answer feedback."""

from __future__ import annotations

from datetime import timedelta

from tests.workflows.store.support import START, FakeClock, new_request, scalar
from workflows.store import Store


async def test_software_register(store: Store) -> None:
    zoom = await new_request(store)
    slack = await new_request(store, council="crewe")
    entry = await store.register_software(
        name="Zoom",
        version="6.2",
        vendor="Zoom Video",
        request_id=zoom.id,
        approved_by="clerk",
        approved_at=START,
        council="watton",
    )
    again = await store.register_software(
        name="Zoom!",
        version=None,
        vendor=None,
        request_id=zoom.id,
        approved_by="deputy",
        approved_at=START + timedelta(days=1),
        council="watton",
    )
    assert again == entry  # idempotent per request
    await store.register_software(
        name="Slack",
        version=None,
        vendor=None,
        request_id=slack.id,
        approved_by="clerk",
        approved_at=START + timedelta(hours=1),
        council="crewe",
    )
    assert [e.name for e in await store.software_register()] == ["Zoom", "Slack"]
    [watton] = await store.software_register("watton")
    assert watton == entry and watton.approved_at == START and watton.version == "6.2"


async def test_posts_are_kept_per_request(store: Store, clock: FakeClock) -> None:
    request = await new_request(store)
    await store.record_post(request.id, "slack", {"channel": "C1", "ts": "1.2"})
    clock.advance(seconds=1)
    await store.record_post(request.id, "teams", {"activity_id": "a1"})
    posts = await store.posts_for(request.id)
    assert [(p.platform, p.ref) for p in posts] == [
        ("slack", {"channel": "C1", "ts": "1.2"}),
        ("teams", {"activity_id": "a1"}),
    ]
    assert posts[0].created_at == START
    assert await store.posts_for("SW-0404") == []


async def test_conversation_refs_are_replaced(store: Store) -> None:
    assert await store.conversation_ref("amy", "teams") is None
    await store.save_conversation_ref("amy", "teams", {"conversation": {"id": "1"}})
    await store.save_conversation_ref("amy", "teams", {"conversation": {"id": "2"}})
    await store.save_conversation_ref("amy", "slack", {"channel": "D1"})
    assert await store.conversation_ref("amy", "teams") == {"conversation": {"id": "2"}}
    await store.save_conversation_ref("bob", "teams", {"conversation": {"id": "3"}})
    assert await store.conversation_owners("teams") == {"amy", "bob"}
    assert await store.conversation_owners("slack") == {"amy"}


async def test_feedback_is_recorded(store: Store) -> None:
    await store.record_feedback(
        user_id="amy",
        council="watton",
        question="can I charge my phone?",
        clause_id="watton/5.3",
        helpful=True,
    )
    await store.record_feedback(
        user_id="bob", council="watton", question="?", clause_id=None, helpful=False
    )
    assert await scalar(store, "SELECT count(*) FROM feedback WHERE helpful") == 1
