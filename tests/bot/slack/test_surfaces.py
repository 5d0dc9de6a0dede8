"""Slash commands, the shortcut, modals, App Home and feedback, through the real server."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from bot.core.assistant import Assistant
from tests.bot.slack.conftest import CLERK_CHANNEL, Slack, button, buttons
from tests.bot.slack.test_decisions import file_software, shown


def responses(slack: Slack) -> list[dict[str, Any]]:
    return [c.args for c in slack.fake.calls if c.method.startswith("respond:")]


async def test_policy_answers_ephemerally_and_can_be_shared(any_slack: Slack) -> None:
    slack = any_slack
    assert await slack.command("/policy", "can I use a USB stick?", "USTAFF") == 200
    first = (await slack.until(lambda: responses(slack)))[0]
    assert first["response_type"] == "ephemeral"
    assert "§5.3" in shown(first)
    share = button(first, "Share in channel")
    await slack.press("USTAFF", share, "CGENERAL")
    shared = await slack.until(lambda: responses(slack)[1:])
    assert shared[0]["response_type"] == "in_channel" and shared[0]["delete_original"]
    assert "Sam Staff asked: can I use a USB stick?" in shown(shared[0])


async def test_feedback_is_stored(slack: Slack) -> None:
    await slack.dm("USTAFF", "can I use a USB stick?")
    answer = (await slack.until(lambda: slack.fake.made("chat.postMessage")))[0]
    await slack.press("USTAFF", button(answer, "\U0001f44e Not helpful"), "DSTAFF")
    thanks = await slack.until(lambda: responses(slack))
    assert "noted" in shown(thanks[0])
    async with slack.core.store.engine.connect() as conn:
        from sqlalchemy import text

        rows = (await conn.execute(text("select question, clause_id, helpful from feedback"))).all()
    assert [(q, c, bool(h)) for q, c, h in rows] == [
        ("can I use a USB stick?", "watton/5.3", False)
    ]


async def test_request_offers_the_menu_in_the_dm_and_a_modal(any_slack: Slack) -> None:
    slack = any_slack
    await slack.command("/request", "", "USTAFF")
    menu = (await slack.until(lambda: slack.fake.made("chat.postMessage")))[0]
    assert menu["channel"] == "USTAFF"  # the app's DM with them
    assert "Report a suspected virus" in [b["text"]["text"] for b in buttons(menu)]
    forms = (await slack.until(lambda: responses(slack)))[0]
    software_form = button(forms, "Software request (form)")

    await slack.press("USTAFF", software_form, "CGENERAL")
    view = (await slack.until(lambda: slack.fake.made("views.open")))[0]["view"]
    assert view["type"] == "modal" and view["callback_id"] == "request_form"
    fields = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
    assert fields == ["name", "version", "purpose", "devices", "cost", "personal_data"]

    bad = {name: {"v": {"type": "plain_text_input", "value": ""}} for name in fields}
    bad["name"] = {"v": {"type": "plain_text_input", "value": "Z"}}
    status, body = await slack.interaction(_submission("USTAFF", view, bad))
    assert status == 200
    errors = json.loads(body)
    assert errors["response_action"] == "errors"
    assert "too short" in errors["errors"]["name"]
    assert errors["errors"]["purpose"] == "Please answer this."
    assert not slack.fake.made("chat.postMessage")[1:]  # nothing filed, nothing said

    good = {name: {"v": {"type": "plain_text_input", "value": v}} for name, v in _software()}
    good["personal_data"] = {"v": {"type": "plain_text_input", "value": "no"}}
    status, body = await slack.interaction(_submission("USTAFF", view, good))
    assert status == 200 and not body
    summary = await slack.until(
        lambda: [m for m in slack.fake.made("chat.postMessage") if "Confirm and send" in shown(m)]
    )
    assert "Zoom" in shown(summary[0])


def _software() -> list[tuple[str, str]]:
    return [
        ("name", "Zoom"),
        ("version", "Zoom Workplace 6.2, https://zoom.us"),
        ("purpose", "Remote committee meetings"),
        ("devices", "Office laptop"),
        ("cost", "Free basic licence"),
    ]


def _submission(user: str, view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "user": {"id": user, "name": user.lower()},
        "view": {**view, "id": "V1", "state": {"values": values}},
    }


async def test_report_to_clerk_starts_the_abusive_post_form_prefilled(any_slack: Slack) -> None:
    slack = any_slack
    await slack.interact(
        {
            "type": "message_action",
            "callback_id": "report_to_clerk",
            "user": {"id": "USTAFF", "name": "sam"},
            "channel": {"id": "CGENERAL"},
            "message": {"ts": "1700000000.000042", "user": "UCLLR", "text": "The clerk is a liar"},
        }
    )
    said = await slack.until(
        lambda: [
            m for m in slack.fake.made("chat.postMessage") if "Where was it posted" in shown(m)
        ]
    )
    assert said[0]["channel"] == "USTAFF"
    assert slack.fake.made("chat.getPermalink")[0]["message_ts"] == "1700000000.000042"
    draft = await slack.core.store.load_draft("slack:dm:USTAFF")
    assert draft is not None
    assert draft.state["data"]["content"] == "The clerk is a liar"
    assert draft.state["data"]["author"] == "Chris Councillor"
    assert draft.state["data"]["link"].startswith("https://council.slack.com/archives/CGENERAL")


async def test_app_home_shows_the_clerk_the_queue_with_buttons(slack: Slack) -> None:
    await file_software(slack)
    await slack.event({"type": "app_home_opened", "user": "UCLERK", "tab": "home"})
    home = (await slack.until(lambda: slack.fake.made("views.publish")))[0]
    assert home["user_id"] == "UCLERK" and home["view"]["type"] == "home"
    assert "Waiting for a decision" in shown(home)
    await slack.event({"type": "app_home_opened", "user": "USTAFF", "tab": "home"})
    staff = (await slack.until(lambda: slack.fake.made("views.publish")[1:]))[0]
    assert "SW-0001" in shown(staff) and "Waiting for a decision" not in shown(staff)


async def test_a_decision_that_needs_a_note_asks_in_a_modal(any_slack: Slack) -> None:
    slack = any_slack
    card = await file_software(slack)
    await slack.press("UCLERK", button(card, "Reject"), CLERK_CHANNEL)
    modal = (await slack.until(lambda: slack.fake.made("views.open")))[0]["view"]
    assert modal["callback_id"] == "note_input"
    values = {"note": {"note": {"type": "plain_text_input", "value": "Use Teams instead"}}}
    await slack.interact(_submission("UCLERK", modal, values))
    updated = await slack.until(lambda: slack.fake.made("chat.update"))
    assert "Rejected by Jane Clerk" in shown(updated[0])
    record = await slack.core.store.get_request("SW-0001")
    assert record is not None and record.state == "rejected"


async def test_a_note_modal_cannot_be_replayed_by_someone_else(slack: Slack) -> None:
    card = await file_software(slack)
    await slack.press("UCLERK", button(card, "Reject"), CLERK_CHANNEL)
    modal = (await slack.until(lambda: slack.fake.made("views.open")))[0]["view"]
    values = {"note": {"note": {"type": "plain_text_input", "value": "forged"}}}
    await slack.interact(_submission("UDEPUTY", modal, values))
    await asyncio.sleep(0.3)
    record = await slack.core.store.get_request("SW-0001")
    assert record is not None and record.state == "pending"


async def test_user_text_cannot_ping_the_channel_or_disguise_a_link(slack: Slack) -> None:
    await slack.dm("USTAFF", "I need to install software")
    await slack.until(lambda: slack.fake.made("chat.postMessage"))
    for line in (
        "<!channel> Zoom <https://evil.example|gov.uk>",
        "6.2",
        "Meetings <@UCLERK>",
        "Office laptop",
        "Free",
        "no",
        "confirm",
    ):
        before = len(slack.fake.made("chat.postMessage"))
        await slack.dm("USTAFF", line)
        await slack.until(lambda n=before: len(slack.fake.made("chat.postMessage")) > n)
    card = await slack.until(
        lambda: [m for m in slack.fake.made("chat.postMessage") if m["channel"] == CLERK_CHANNEL]
    )
    raw = json.dumps(card[0])
    assert "<!channel>" not in raw and "<https://" not in raw and "<@UCLERK>" not in raw
    assert "&lt;!channel&gt;" in raw


async def test_a_100k_message_gets_a_clear_answer(any_slack: Slack) -> None:
    slack = any_slack
    assert await slack.dm("USTAFF", "x" * 100_000) == 200
    said = (await slack.until(lambda: slack.fake.made("chat.postMessage")))[0]
    assert "too long" in shown(said)
    assert (await slack.client.get("/healthz")).status == 200


async def test_a_forged_decision_for_an_unknown_request_changes_nothing(any_slack: Slack) -> None:
    slack = any_slack
    forged = {"action_id": "cb:decide:0", "value": "SW-9999:approve"}
    await slack.press("UCLERK", forged, CLERK_CHANNEL)
    said = (await slack.until(lambda: slack.fake.made("chat.postEphemeral")))[0]
    assert "SW-9999" in shown(said)
    assert await slack.core.store.get_request("SW-9999") is None


async def test_a_failing_listener_apologises_and_the_server_stays_up(
    any_slack: Slack, monkeypatch: pytest.MonkeyPatch
) -> None:
    slack = any_slack

    async def broken(*_: Any) -> Any:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(Assistant, "handle", broken)
    assert await slack.dm("USTAFF", "hello") == 200
    sorry = (await slack.until(lambda: slack.fake.made("chat.postMessage")))[0]
    assert sorry["channel"] == "USTAFF" and "Sorry" in sorry["text"]
    assert (await slack.client.get("/healthz")).status == 200


async def test_a_question_the_policy_misses_goes_to_the_clerk_from_policy(
    any_slack: Slack,
) -> None:
    slack = any_slack
    question = "is it ok if a visiting speaker plugs their own projector into the hall system?"
    await slack.command("/policy", question, "USTAFF")
    first = (await slack.until(lambda: responses(slack)))[0]
    assert "Shall I ask the Clerk?" in shown(first)
    ask = button(first, "Ask the Clerk")
    assert ask["value"].isdigit()  # the logged question's id, never the question itself
    await slack.press("USTAFF", ask, "CGENERAL")
    card = await slack.until(
        lambda: [c for c in slack.fake.made("chat.postMessage") if c["channel"] == CLERK_CHANNEL]
    )
    assert "QU-0001" in shown(card[0])
    assert "Link to a clause" in [b["text"]["text"] for b in buttons(card[0])]
    filed = await slack.core.store.get_request("QU-0001")
    assert filed is not None and filed.requester_id == "staff"
    assert filed.data["question"] == question


async def test_the_clerk_links_a_question_to_a_clause_in_the_modal(slack: Slack) -> None:
    await slack.command(
        "/policy",
        "is it ok if a visiting speaker plugs their own projector into the hall system?",
        "USTAFF",
    )
    first = (await slack.until(lambda: responses(slack)))[0]
    await slack.press("USTAFF", button(first, "Ask the Clerk"), "CGENERAL")
    card = await slack.until(
        lambda: [c for c in slack.fake.made("chat.postMessage") if c["channel"] == CLERK_CHANNEL]
    )
    await slack.press("UCLERK", button(card[0], "Link to a clause"), CLERK_CHANNEL)
    modal = (await slack.until(lambda: slack.fake.made("views.open")))[0]["view"]
    wrong = {"note": {"note": {"type": "plain_text_input", "value": "section 99"}}}
    status, body = await slack.interaction(_submission("UCLERK", modal, wrong))
    assert status == 200
    assert json.loads(body) == {
        "response_action": "errors",
        "errors": {"note": "The policy has no clause 'section 99'."},
    }
    record = await slack.core.store.get_request("QU-0001")
    assert record is not None and record.state == "pending"
    right = {"note": {"note": {"type": "plain_text_input", "value": "§5.3"}}}
    await slack.interact(_submission("UCLERK", modal, right))
    updated = await slack.until(lambda: slack.fake.made("chat.update"))
    assert "Linked to the policy by Jane Clerk" in shown(updated[0])
