"""Activity-level behaviour: what Teams posts to /api/messages and what the bot sends back."""

from __future__ import annotations

from typing import Any

import pytest

from tests.bot.teams.connector import card_text
from tests.bot.teams.support import (
    BOT,
    CLERK,
    STAFF,
    STRANGER,
    TeamsClient,
    button,
    texts,
)
from tests.bot.teams.test_requests import ZOOM, file_zoom


async def test_a_question_in_a_personal_chat_is_answered_with_the_clause(
    teams_lite: TeamsClient,
) -> None:
    (reply,) = await teams_lite.say(STAFF, "can I use a USB stick?")
    assert reply.verb == "reply" and reply.conversation == STAFF.personal
    assert reply.body["replyToId"]
    lines = reply.text.split("\n")
    assert lines[0] == (
        "Watton Town Council, Information Technology, Communications & Social Media Policy, §5.3"
    )
    assert "You must not attach any device or equipment to our systems" in lines[1]
    assert reply.body["summary"].startswith("Watton Town Council")


async def test_a_channel_mention_is_answered_in_its_thread(teams_lite: TeamsClient) -> None:
    thread = "19:general@thread.tacv2;messageid=1700000000000"
    (reply,) = await teams_lite.mention(STAFF, "can I use a USB stick?", thread)
    assert reply.conversation == thread and reply.verb == "reply"
    assert "§5.3" in reply.text


async def test_the_bot_welcomes_whoever_installs_it(teams_lite: TeamsClient) -> None:
    added = {"membersAdded": [{"id": STAFF.mri}, {"id": BOT["id"]}]}
    update = teams_lite.activity("conversationUpdate", STAFF, **added)
    mark = len(teams_lite.connector.calls)
    status, _ = await teams_lite.post(update)
    assert status in (200, 201)
    welcome, helped = texts(teams_lite.connector.since(mark))
    assert welcome.startswith("Hello, I'm clerkbot. I answer questions about the council's")
    assert helped.startswith("Ask me about the council's IT and social media policy")
    assert "For the Clerk" not in helped  # staff get the staff help


async def test_a_resent_activity_is_processed_once(teams_lite: TeamsClient) -> None:
    activity = teams_lite.activity("message", STAFF, text="I need to install some software")
    for _ in range(3):  # the connector timed out and sent it again, twice
        status, _ = await teams_lite.post(activity)
        assert status in (200, 201)
    assert len(teams_lite.connector.sent()) == 2  # the policy card and the first question
    (reply,) = await teams_lite.say(STAFF, "Zoom")
    assert reply.text.startswith("(2/6)")


async def test_my_requests_and_the_clerks_queue(teams_lite: TeamsClient) -> None:
    await file_zoom(teams_lite)
    (mine,) = await teams_lite.say(STAFF, "my requests")
    assert "SW-0001: Software request: Zoom — Waiting for the Clerk" in mine.text
    (refused,) = await teams_lite.say(STAFF, "queue")
    assert refused.text.startswith("Only the Clerk or the deputy Clerk can see the queue.")
    (queue,) = await teams_lite.say(CLERK, "queue")
    assert queue.text.startswith("Waiting for a decision:")
    body, sent = await teams_lite.execute(CLERK, button(queue, "Open SW-0001"))
    assert body["type"] == "application/vnd.microsoft.activity.message"  # the list stays
    (card,) = sent
    assert card.text.startswith("SW-0001 · Software request from Sam Staff")
    assert [b["title"] for b in card.card["actions"]] == [
        "Approve",
        "Reject",
        "Ask for more information",
    ]


async def test_a_form_button_redraws_its_card_as_answered(teams_lite: TeamsClient) -> None:
    for line in ZOOM[:-1]:
        await teams_lite.say(STAFF, line)
    (summary,) = [c for c in await teams_lite.say(STAFF, "no") if "check your" in c.text]
    body, sent = await teams_lite.execute(STAFF, button(summary, "Edit"))
    assert card_text(body["value"]) == f"{summary.text.splitlines()[0]}\n✓ Edit"
    assert "actions" not in body["value"]
    (menu,) = sent
    assert menu.text == "Which answer do you want to change?"


async def test_the_submit_fallback_updates_the_pressed_card(teams_lite: TeamsClient) -> None:
    """A client without Universal Actions sends Action.Submit: a message with a value."""
    await file_zoom(teams_lite)
    (card,) = await teams_lite.say(CLERK, "show SW-0001")
    approve = button(card, "Approve")
    assert approve["fallback"]["type"] == "Action.Submit"
    calls = await teams_lite.submit(CLERK, approve, pressed_on=card.sent_id)
    (update,) = [c for c in calls if c.verb == "update"]
    assert update.activity_id == card.sent_id and update.conversation == CLERK.personal
    assert "Status: Approved by Jane Clerk at" in update.text
    assert not [c for c in calls if c.verb in ("send", "reply") and "Approve" in str(c.body)]


async def test_a_note_is_asked_for_and_the_card_is_kept(teams_lite: TeamsClient) -> None:
    await file_zoom(teams_lite)
    (card,) = await teams_lite.say(CLERK, "show SW-0001")
    body, sent = await teams_lite.execute(CLERK, button(card, "Reject"))
    assert body["type"] == "application/vnd.microsoft.activity.message"
    (prompt,) = texts(sent)
    assert prompt.startswith("Reject SW-0001.")
    (done,) = await teams_lite.say(CLERK, "Not needed: we use Teams for meetings")
    assert done.text.startswith("Done: SW-0001 · Rejected by Jane Clerk")


async def test_refresh_gives_each_person_their_own_view(teams_lite: TeamsClient) -> None:
    await file_zoom(teams_lite)
    (card,) = await teams_lite.say(CLERK, "show SW-0001")
    refresh = {"verb": "refresh", "data": card.card["refresh"]["action"]["data"]}
    body, _ = await teams_lite.execute(CLERK, refresh)
    assert "Approve" in [b["title"] for b in body["value"]["actions"]]
    body, _ = await teams_lite.execute(STAFF, refresh)
    assert "actions" not in body["value"]  # the requester sees the status, not the buttons
    assert "Status: Waiting for the Clerk" in card_text(body["value"])
    body, _ = await teams_lite.execute(STRANGER, refresh)
    assert body == {
        "statusCode": 200,
        "type": "application/vnd.microsoft.activity.message",
        "value": "Nothing to refresh.",
    }


async def test_a_button_from_another_app_changes_nothing(teams_lite: TeamsClient) -> None:
    foreign = {"verb": "approve", "data": {"action": "decide", "value": "SW-0001:approve"}}
    body, sent = await teams_lite.execute(CLERK, foreign)
    assert body["value"] == "That button isn't one of mine; nothing was changed."
    assert sent == []


def _report(member_id: str, conversation: str) -> dict[str, Any]:
    return {
        "commandId": "reportToClerk",
        "commandContext": "message",
        "messagePayload": {
            "id": "1700000000001",
            "body": {
                "contentType": "html",
                "content": "<p>The clerk is a <b>liar</b> &amp; lives at 4 Elm Road</p>",
            },
            "from": {"user": {"id": member_id, "displayName": "Watton Truth"}},
            "linkToMessage": f"https://teams.microsoft.com/l/message/{conversation}/1700000000001",
        },
    }


async def test_report_to_clerk_starts_a_prefilled_report(teams_lite: TeamsClient) -> None:
    await teams_lite.say(STAFF, "hello")  # the person's chat with the bot is known
    thread = "19:general@thread.tacv2;messageid=1700000000000"
    value = _report("29:troll", thread)
    activity = teams_lite.activity(
        "invoke", STAFF, thread, name="composeExtension/fetchTask", value=value
    )
    mark = len(teams_lite.connector.calls)
    status, body = await teams_lite.post(activity)
    assert status == 200
    assert body["task"]["type"] == "message"
    assert "I've started a report to the Clerk in your chat with clerkbot" in body["task"]["value"]

    def asked() -> bool:
        return any("(1/" in c.text for c in teams_lite.connector.sent(STAFF.personal))

    await teams_lite.connector.wait_for(asked)
    sent = teams_lite.connector.since(mark)
    assert {c.conversation for c in sent} == {STAFF.personal}  # nothing in the channel
    assert texts(sent)[0].startswith("If anyone is in immediate danger, call 999 first.")
    (question,) = [c for c in sent if "(1/" in c.text]
    assert question.text.startswith("(1/7) Where was it posted?")
    for line in ("Facebook", "Staff", "Threats", "no"):
        await teams_lite.say(STAFF, line)
    (summary,) = [c for c in teams_lite.connector.sent() if "Please check" in c.text][-1:]
    assert "What it says: The clerk is a liar & lives at 4 Elm Road" in summary.text
    assert "Posted by: Watton Truth" in summary.text
    assert "Link: https://teams.microsoft.com/l/message/19:general@thread.tacv2" in summary.text


async def test_report_to_clerk_opens_a_chat_when_there_is_none(teams_lite: TeamsClient) -> None:
    value = _report("29:troll", "19:general@thread.tacv2")
    activity = teams_lite.activity(
        "invoke",
        STRANGER,
        "19:general@thread.tacv2",
        name="composeExtension/submitAction",
        value=value,
    )
    status, body = await teams_lite.post(activity)
    assert status == 200 and body["task"]["type"] == "message"
    (created,) = [c for c in teams_lite.connector.calls if c.verb == "create"]
    assert created.body["members"] == [{"id": STRANGER.mri}]
    assert created.body["channelData"] == {"tenant": {"id": "tenant-0001"}}
    opened = f"a:personal-{STRANGER.mri}"

    def asked() -> bool:
        return any("(1/" in c.text for c in teams_lite.connector.sent(opened))

    await teams_lite.connector.wait_for(asked)
    # The new chat is remembered: the stranger's answer there continues the report.
    (reply,) = await teams_lite.say(STRANGER, "Facebook", conversation=opened)
    assert reply.text.startswith("(2/6)") or "Who does it target" in reply.text


async def test_a_question_the_policy_misses_goes_to_the_clerk(teams_lite: TeamsClient) -> None:
    question = "is it ok if a visiting speaker plugs their own projector into the hall system?"
    (reply,) = await teams_lite.say(STAFF, question)
    assert "Shall I ask the Clerk?" in reply.text
    ask = button(reply, "Ask the Clerk")
    _, sent = await teams_lite.execute(STAFF, ask)
    assert any("Sent to the Clerk as QU-0001" in c.text for c in sent)
    (card,) = await teams_lite.say(CLERK, "show QU-0001")
    assert question in card.text and button(card, "Link to a clause")


DEEP = b"[" * 100_000 + b"]" * 100_000


@pytest.mark.parametrize(
    "body",
    [b'{"type": "message", ', b"[1]", b"", b"null", b'{"text": "no type"}', DEEP],
    ids=["bad json", "array", "empty", "null", "no type", "deep"],
)
async def test_a_body_that_is_not_an_activity_is_400_and_changes_nothing(
    teams_lite: TeamsClient, body: bytes
) -> None:
    headers = {"Content-Type": "application/json"}
    response = await teams_lite.http.post("/api/messages", data=body, headers=headers)
    assert response.status == 400
    assert teams_lite.connector.calls == []
    (reply,) = await teams_lite.say(STAFF, "can I use a USB stick?")  # and it carries on
    assert "5.3" in reply.text
