"""Slack payloads -> the core's messages: pure, and wary of what it is sent."""

from __future__ import annotations

from bot.core.identity import Identities
from bot.slack import parse
from workflows.people import Directory, Person
from workflows.roles import Role

PEOPLE = Identities(
    Directory([Person(id="clerk", name="Jane Clerk", role=Role.CLERK, slack_id="UCLERK")])
)


def test_a_mention_is_stripped_and_answered_in_its_thread() -> None:
    said = parse.said(
        {
            "type": "app_mention",
            "channel": "C1",
            "user": "UCLERK",
            "ts": "5.5",
            "text": "<@UBOT> can I use a USB stick?",
        },
        PEOPLE,
    )
    assert said is not None
    assert said.message.text == "can I use a USB stick?"
    assert said.message.user.id == "clerk" and said.message.user.role is Role.CLERK
    assert said.message.conversation == "slack:C1:UCLERK"
    assert said.place == parse.Place("C1", "channel", "5.5")


def test_someone_not_in_the_roles_file_is_staff_under_a_derived_handle() -> None:
    said = parse.said(
        {"type": "message", "channel_type": "im", "channel": "D9", "user": "U9XYZ", "text": "hi"},
        PEOPLE,
    )
    assert said is not None
    assert said.message.user.id == "slack-u9xyz" and said.message.user.role is Role.STAFF
    assert said.message.conversation == "slack:dm:U9XYZ"


def test_edits_bot_posts_and_joins_are_ignored() -> None:
    for event in (
        {"type": "message", "subtype": "message_changed", "channel": "D1", "user": "U1"},
        {"type": "message", "bot_id": "B1", "channel": "D1", "user": "U1", "text": "x"},
        {"type": "message", "subtype": "channel_join", "channel": "C1", "user": "U1"},
        {"type": "message", "channel": "D1", "text": "no user"},
    ):
        assert parse.said(event, PEOPLE) is None


def test_only_the_cores_buttons_become_presses() -> None:
    body = {
        "user": {"id": "UCLERK"},
        "channel": {"id": "CCLERK"},
        "container": {"type": "message"},
        "message": {"ts": "1.1"},
        "actions": [{"action_id": "cb:decide:0", "value": "SW-0001:approve"}],
    }
    pressed = parse.pressed(body, PEOPLE)
    assert pressed is not None
    assert (pressed.event.action, pressed.event.value) == ("decide", "SW-0001:approve")
    assert pressed.place.private and pressed.event.conversation == "slack:CCLERK:UCLERK"
    body["actions"] = [{"action_id": "approve_everything", "value": "x"}]
    assert parse.pressed(body, PEOPLE) is None


def test_an_oversized_button_value_is_cut_not_trusted() -> None:
    body = {
        "user": {"id": "UCLERK"},
        "channel": {"id": "D1"},
        "actions": [{"action_id": "cb:reply:0", "value": "v" * 5000}],
    }
    pressed = parse.pressed(body, PEOPLE)
    assert pressed is not None and len(pressed.event.value) == 200


def test_malformed_feedback_is_ignored() -> None:
    body = {"actions": [{"action_id": "feedback:up", "value": "not json"}]}
    assert parse.feedback(body) is None
    body = {
        "actions": [{"action_id": "feedback:down", "value": '{"c": "watton/5.3", "q": "usb?"}'}]
    }
    assert parse.feedback(body) == (False, "usb?", "watton/5.3")
