"""Activity JSON -> clerkbot's objects: mentions, conversations, button data, reported posts."""

from __future__ import annotations

from typing import Any

from bot.teams import parse
from bot.teams.protocol import MARK


def activity(**given: Any) -> parse.Activity:
    raw = {
        "type": "message",
        "id": "1",
        "from": {"id": "29:u", "name": "Sam", "aadObjectId": "aad-u"},
        "recipient": {"id": "28:bot", "name": "clerkbot"},
        "conversation": {"id": "a:1", "conversationType": "personal"},
        **given,
    }
    return parse.activity(raw)


def test_the_bots_mention_is_removed_and_others_kept() -> None:
    text = "<at>clerkbot</at> can <at>Jane Clerk</at> approve Zoom?&nbsp;"
    entities = [
        {"type": "mention", "mentioned": {"id": "28:bot"}, "text": "<at>clerkbot</at>"},
        {"type": "mention", "mentioned": {"id": "29:jane"}, "text": "<at>Jane Clerk</at>"},
    ]
    assert parse.message_text(activity(text=text, entities=entities)) == (
        "can Jane Clerk approve Zoom?"
    )


def test_drafts_are_kept_per_person_in_a_channel_and_per_chat_in_private() -> None:
    assert parse.conversation_key(activity()) == "teams:a:1"
    thread = {"id": "19:c@thread.tacv2;messageid=17", "conversationType": "channel"}
    assert parse.conversation_key(activity(conversation=thread)) == "teams:19:c@thread.tacv2:aad-u"
    no_aad = activity(**{"from": {"id": "29:u"}})
    assert parse.teams_id(no_aad) == "29:u"


def test_button_data_is_ours_only_with_the_mark() -> None:
    ours = {MARK: MARK, "action": "decide", "value": "SW-0001:approve", "label": "Approve"}
    data = parse.press(ours)
    assert data is not None and (data.action, data.value) == ("decide", "SW-0001:approve")
    assert parse.press({"action": "decide", "value": "SW-0001:approve"}) is None
    assert parse.press("decide") is None
    assert parse.press({**ours, "value": "x" * 500}) is None  # never trusted, never long
    chosen = parse.press({MARK: MARK, "action": "reply", "value": "", "choice": "threats"})
    assert chosen is not None and chosen.value == "threats"


def test_an_execute_invoke_gives_its_verb_and_data() -> None:
    data = {MARK: MARK, "action": "decide", "value": "A:b"}
    value = {"action": {"type": "Action.Execute", "verb": "decide", "data": data}}
    found = parse.execute(value)
    assert found is not None and found[0] == "decide" and found[1].value == "A:b"
    assert parse.execute({"action": {"type": "Action.Submit", "data": data}}) is None
    assert parse.execute(None) is None


def test_a_reported_message_becomes_the_forms_answers() -> None:
    value = {
        "commandId": "reportToClerk",
        "messagePayload": {
            "body": {
                "contentType": "html",
                "content": "<div><p>You&#39;re a <b>liar</b></p>"
                "<p>and I know where you live</p></div>",
            },
            "from": {"user": {"displayName": "Watton Truth"}},
            "linkToMessage": "https://teams.microsoft.com/l/message/19:x/1",
        },
    }
    post = parse.reported_post(value)
    assert post is not None and post.command == "reportToClerk"
    assert post.answers() == {
        "content": "You're a liar\nand I know where you live",
        "author": "Watton Truth",
        "link": "https://teams.microsoft.com/l/message/19:x/1",
    }
    empty = parse.reported_post({"commandId": "reportToClerk", "messagePayload": {}})
    assert empty is not None and empty.answers() == {}
    assert parse.reported_post("x") is None
