"""A software request in Teams, from the requester's chat to the Clerk's channel and back."""

from __future__ import annotations

import asyncio
import time

from tests.bot.teams.connector import Call, card_text
from tests.bot.teams.schema import card_errors
from tests.bot.teams.support import (
    CLERK,
    CLERK_CHANNEL,
    DEPUTY,
    STAFF,
    TeamsClient,
    button,
    texts,
)
from tests.workflows.store.support import FakeClock

ZOOM = [
    "I need to install Zoom",
    "Zoom",
    "Zoom Workplace 6.2, zoom.us",
    "Remote committee meetings",
    "Office laptop",
    "Free basic licence",
    "yes",
]


async def install_in_clerk_channel(teams: TeamsClient) -> None:
    """The app added to the Clerk's team: the bot learns where the Clerk's channel is."""
    added = {"membersAdded": [{"id": "28:clerkbot-app"}]}
    update = teams.activity("conversationUpdate", CLERK, CLERK_CHANNEL, **added)
    status, _ = await teams.post(update)
    assert status in (200, 201)


async def file_zoom(teams: TeamsClient) -> None:
    for line in ZOOM:
        await teams.say(STAFF, line)
    sent = await teams.say(STAFF, "confirm")
    assert texts(sent)[0].startswith("Sent to the Clerk as SW-0001.")
    assert "Approve" not in str(sent[1].card)  # the requester gets no decision buttons


async def test_request_decided_in_the_clerks_channel(teams: TeamsClient) -> None:
    connector = teams.connector
    await teams.say(CLERK, "help")  # the Clerk has a chat with the bot: cards refresh for her
    await install_in_clerk_channel(teams)
    welcome = connector.sent(CLERK_CHANNEL)
    assert welcome and welcome[0].text.startswith("Hello, I'm clerkbot.")
    started = time.monotonic()
    await file_zoom(teams)
    assert time.monotonic() - started < 10  # eight turns, far inside one 15 s turn limit

    # The outbox posts the decision card to the Clerk's channel, proactively.
    def channel_card() -> bool:
        return any("Approve" in str(c.body) for c in connector.sent(CLERK_CHANNEL))

    await connector.wait_for(channel_card)
    card_call = next(c for c in connector.sent(CLERK_CHANNEL) if "Approve" in str(c.body))
    assert card_call.verb == "send"  # a new thread in the channel, not a reply
    assert card_call.text.startswith("New software request SW-0001 from Sam Staff")
    assert "Software: Zoom" in card_call.text
    refresh = card_call.card["refresh"]
    assert refresh["action"]["verb"] == "refresh"
    assert "29:clerk" in refresh["userIds"]

    # The Clerk presses Approve (Universal Actions): the card is replaced in the response.
    approve = button(card_call, "Approve")
    body, _ = await teams.execute(CLERK, approve, CLERK_CHANNEL)
    assert body["statusCode"] == 200
    assert body["type"] == "application/vnd.microsoft.card.adaptive"
    assert card_errors(body["value"]) == []
    shown = card_text(body["value"])
    assert shown.startswith("Done: SW-0001 · Approved by Jane Clerk at ")
    assert "Approve" not in str(body["value"].get("actions", []))

    # The requester hears back in their own chat, and every copy of the card is redrawn.
    def told() -> bool:
        return any("was approved by Jane Clerk" in c.text for c in connector.sent(STAFF.personal))

    await connector.wait_for(told)

    def redrawn() -> bool:
        ids = {u.activity_id for u in connector.updates()}
        return len(ids) >= 2

    await connector.wait_for(redrawn)
    updated = {u.conversation: u for u in connector.updates()}
    assert set(updated) == {CLERK_CHANNEL, STAFF.personal}
    assert updated[CLERK_CHANNEL].activity_id == f"msg-{sends(teams).index(card_call) + 1}"
    for update in updated.values():
        assert "Status: Approved by Jane Clerk" in update.text
        assert "Approve" not in str(update.card.get("actions", []))
    # No second card in the channel: the first one changed in place.
    channel = connector.sent(CLERK_CHANNEL)
    assert channel[-1] is card_call

    # A later press, by the deputy on the old card, changes nothing and says who decided.
    body, sent = await teams.execute(DEPUTY, approve, CLERK_CHANNEL)
    assert "Status: Approved by Jane Clerk" in card_text(body["value"])
    (late,) = texts(sent)
    assert late.startswith("SW-0001 was already approved by Jane Clerk at ")
    assert late.endswith("Nothing was changed.")


def sends(teams: TeamsClient) -> list[Call]:
    """Every message the bot sent, in order: the connector numbered them msg-1, msg-2..."""
    return [c for c in teams.connector.calls if c.verb in ("send", "reply")]


async def test_a_failed_delivery_is_retried_not_lost(
    teams_lite: TeamsClient, clock: FakeClock
) -> None:
    connector = teams_lite.connector
    await install_in_clerk_channel(teams_lite)
    connector.failing[CLERK_CHANNEL] = [502]  # Teams is having a bad minute
    await file_zoom(teams_lite)
    await asyncio.sleep(0.5)  # the outbox tried, and failed: nothing in the channel yet
    assert not [c for c in connector.sent(CLERK_CHANNEL) if "New software" in c.text]
    assert connector.failing[CLERK_CHANNEL] == []
    clock.advance(seconds=10)  # past the first back-off (5 s)

    def posted() -> bool:
        return any("New software request SW-0001" in c.text for c in connector.sent(CLERK_CHANNEL))

    await connector.wait_for(posted)
    cards = [c for c in connector.sent(CLERK_CHANNEL) if "New software" in c.text]
    assert len(cards) == 1
    assert not [c for c in connector.sent(CLERK_CHANNEL) if "Sorry" in c.text]


async def _card_in_clerk_channel(teams: TeamsClient) -> Call:
    await teams.say(CLERK, "help")
    await install_in_clerk_channel(teams)
    await file_zoom(teams)

    def channel_card() -> list[Call]:
        return [c for c in teams.connector.sent(CLERK_CHANNEL) if "Approve" in str(c.body)]

    await teams.connector.wait_for(lambda: bool(channel_card()))
    return channel_card()[0]


async def test_nobody_can_rewrite_the_clerks_card_with_their_own_text(
    teams: TeamsClient,
) -> None:
    card = await _card_in_clerk_channel(teams)
    approve = button(card, "Approve")["data"]
    forged = [
        # A form button's data, with the attacker's words as the "question".
        {**approve, "action": "reply", "prompt": "APPROVED - go ahead", "label": "ok"},
        {**approve, "action": "cancel_input", "prompt": "Request withdrawn", "label": "ok"},
        # A real decision button, pressed by someone who may not decide.
        approve,
        # Another request's card shown over this one.
        {**approve, "action": "show", "value": "SW-0001", "request_id": "SW-0001"},
    ]
    for value in forged:
        activity = teams.activity(
            "message", STAFF, CLERK_CHANNEL, value=value, replyToId=card.sent_id
        )
        status, _ = await teams.post(activity)
        assert status in (200, 201)
    await asyncio.sleep(0.3)
    assert teams.connector.updates(card.sent_id) == []
    assert not [c for c in teams.connector.calls if "was approved" in c.text]


async def test_a_clerks_press_redraws_only_the_message_holding_that_request(
    teams: TeamsClient,
) -> None:
    card = await _card_in_clerk_channel(teams)
    approve = button(card, "Approve")["data"]
    activity = teams.activity(
        "message", CLERK, CLERK_CHANNEL, value=approve, replyToId="msg-someone-elses"
    )
    await teams.post(activity)
    await asyncio.sleep(0.3)
    assert teams.connector.updates("msg-someone-elses") == []
