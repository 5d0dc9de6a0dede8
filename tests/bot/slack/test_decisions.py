"""A request filed in Slack, decided with the Clerk's button: exactly once, cards updated."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

from tests.bot.slack.conftest import CLERK_CHANNEL, Slack, button, buttons
from tests.workflows.store.support import FakeClock
from workflows.store import OutboxItem

SOFTWARE = (
    "I need to install Zoom",
    "Zoom",
    "Zoom Workplace 6.2, https://zoom.us",
    "Remote committee meetings",
    "Office laptop",
    "Free basic licence",
    "no",
    "confirm",
)


async def file_software(slack: Slack, user: str = "USTAFF") -> dict[str, Any]:
    """Fill the form in the DM; returns the clerk channel's card once the outbox posts it."""
    for line in SOFTWARE:
        before = len(slack.fake.made("chat.postMessage"))
        await slack.dm(user, line)
        await slack.until(lambda n=before: len(slack.fake.made("chat.postMessage")) > n)
    cards = await slack.until(
        lambda: [m for m in slack.fake.made("chat.postMessage") if m["channel"] == CLERK_CHANNEL]
    )
    return cards[0]  # type: ignore[no-any-return]


def shown(args: dict[str, Any]) -> str:
    return json.dumps(args, ensure_ascii=False)


async def test_filed_in_a_dm_decided_in_the_clerk_channel(slack_on: Slack) -> None:
    slack = slack_on
    card = await file_software(slack)
    assert "SW-0001" in shown(card) and "Sam Staff" in shown(card)
    approve = button(card, "Approve")
    assert approve["value"] == "SW-0001:approve"  # only an id and a keyword: nothing to trust

    assert await slack.press("UCLERK", approve, CLERK_CHANNEL, "1700000000.000009") == 200
    updated = await slack.until(lambda: slack.fake.made("chat.update"))
    assert updated[0]["channel"] == CLERK_CHANNEL
    assert "Approved by Jane Clerk at 09:00 on Sat 21 Nov 2026" in shown(updated[0])
    assert not [b for b in buttons(updated[0]) if b["text"]["text"] == "Approve"]

    told = await slack.until(
        lambda: [m for m in slack.fake.made("chat.postMessage") if "was approved" in shown(m)]
    )
    assert told[0]["channel"] == "USTAFF"


async def test_a_press_by_someone_not_the_clerk_is_refused_and_changes_nothing(
    any_slack: Slack,
) -> None:
    slack = any_slack
    card = await file_software(slack)
    await slack.press("USTAFF", button(card, "Approve"), CLERK_CHANNEL)
    refusal = await slack.until(lambda: slack.fake.made("chat.postEphemeral"))
    assert refusal[0]["user"] == "USTAFF"
    assert "Only the Clerk" in shown(refusal[0]) or "only" in shown(refusal[0]).lower()
    record = await slack.core.store.get_request("SW-0001")
    assert record is not None and record.state == "pending"
    await asyncio.sleep(0.2)
    assert not slack.fake.made("chat.update")


async def test_many_clicks_and_retries_decide_once(any_slack: Slack) -> None:
    slack = any_slack
    card = await file_software(slack)
    approve = button(card, "Approve")
    await asyncio.gather(*(slack.press("UCLERK", approve, CLERK_CHANNEL) for _ in range(6)))
    await slack.until(lambda: slack.fake.made("chat.update"))

    def warned() -> list[dict[str, Any]]:
        return [m for m in slack.fake.made("chat.postEphemeral") if "already" in shown(m)]

    await slack.until(lambda: len(warned()) >= 5)  # until() returns on the first, not the fifth
    await asyncio.sleep(0.2)
    assert len(warned()) == 5
    decisions = [
        e
        for e in await slack.core.store.audit_entries("SW-0001")
        if e.action.startswith("decision:")
    ]
    assert len(decisions) == 1

    def to_requester() -> list[dict[str, Any]]:
        return [m for m in slack.fake.made("chat.postMessage") if "was approved" in shown(m)]

    await slack.until(to_requester)  # sent through the outbox, so it may come a little later
    await asyncio.sleep(0.2)
    assert len(to_requester()) == 1


async def test_a_429_from_the_web_api_is_retried_and_delivered(slack: Slack) -> None:
    slack.fake.fail("chat.postMessage", 429, retry_after=1)
    await slack.dm("USTAFF", "can I use a USB stick?")
    posted = await slack.until(
        lambda: [c for c in slack.fake.calls if c.method == "chat.postMessage"][1:], timeout=8
    )
    assert "§5.3" in shown(posted[0].args)


async def test_a_failed_notification_waits_in_the_outbox_and_is_delivered_later(
    slack: Slack, clock: FakeClock
) -> None:
    # More 500s than the client's own retries: the outbox keeps the card and tries later.
    slack.fake.fail("chat.postMessage", 500, times=3, channel=CLERK_CHANNEL)
    for line in SOFTWARE:
        await slack.dm("USTAFF", line)
    waiting = await slack.until(_failed_once(slack))
    assert waiting[0].recipient == "channel:clerk" and waiting[0].last_error
    clock.advance(seconds=10)  # past the first back-off (5 s)
    await slack.until(_delivered(slack))
    cards = [m for m in slack.fake.made("chat.postMessage") if m["channel"] == CLERK_CHANNEL]
    assert len(cards) == 4  # three refused (one try and two retries by the client), then sent
    assert "SW-0001" in shown(cards[-1])
    posts = await slack.core.store.posts_for("SW-0001")
    assert [p.ref["channel"] for p in posts] == [CLERK_CHANNEL]


def _delivered(slack: Slack) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return not await slack.core.store.pending_outbox()

    return check


def _failed_once(slack: Slack) -> Callable[[], Awaitable[list[OutboxItem]]]:
    async def check() -> list[OutboxItem]:
        return [i for i in await slack.core.store.pending_outbox() if i.attempts >= 1]

    return check


async def test_someone_not_in_the_roles_file_is_shown_by_their_slack_name(slack: Slack) -> None:
    card = await file_software(slack, user="UNEW")
    assert "Nina Newcomer" in shown(card) and "UNEW" not in shown(card)
    assert len(slack.fake.made("users.info")) == 1  # looked up once, remembered after
    await slack.press("UCLERK", button(card, "Approve"), CLERK_CHANNEL)
    told = await slack.until(
        lambda: [m for m in slack.fake.made("chat.postMessage") if "was approved" in shown(m)]
    )
    assert told[0]["channel"] == "UNEW"


async def test_a_failed_name_lookup_still_answers(slack: Slack) -> None:
    await slack.dm("UGHOST", "can I use a USB stick?")  # users.info: user_not_found
    posted = await slack.until(lambda: slack.fake.made("chat.postMessage"))
    assert posted[0]["channel"] == "DGHOST" and "§5.3" in shown(posted[0])
    await slack.dm("UGHOST", "can I use a USB stick?")
    await slack.until(lambda: slack.fake.made("chat.postMessage")[1:])
    assert len(slack.fake.made("users.info")) == 1  # a failure is not asked again
