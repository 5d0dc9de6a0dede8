"""The Slack endpoint as Slack reaches it: signatures, acks, retries, health."""

from __future__ import annotations

import json
import time
from urllib.parse import quote

import pytest
from slack_sdk.signature import SignatureVerifier

from tests.bot.slack.conftest import SECRET, Slack, dm_event


async def test_healthz_reports_the_council_and_surfaces(slack: Slack) -> None:
    response = await slack.client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {"status": "ok", "council": "watton", "surfaces": ["slack"]}


async def test_a_dm_question_is_answered_with_the_clause(any_slack: Slack) -> None:
    slack = any_slack
    status = await slack.dm("USTAFF", "can I plug my phone into the office PC to charge it?")
    assert status == 200
    posted = await slack.until(lambda: slack.fake.made("chat.postMessage"))
    shown = json.dumps(posted[0], ensure_ascii=False)
    assert posted[0]["channel"] == "DSTAFF"
    assert "§5.3" in shown
    assert "Helpful" in shown  # feedback buttons on answers


async def _nothing_done(slack: Slack) -> None:
    import asyncio

    await asyncio.sleep(0.3)
    assert not slack.fake.made("chat.postMessage")


async def test_missing_signature_is_401_and_nothing_happens(slack: Slack) -> None:
    body = json.dumps({"type": "event_callback", "event_id": "Ev1", "event": {}})
    response = await slack.client.post(
        "/slack/events", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status == 401
    await _nothing_done(slack)


async def test_wrong_signature_is_401(slack: Slack) -> None:
    body = json.dumps(
        {
            "type": "event_callback",
            "event_id": "Ev9",
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": "DSTAFF",
                "user": "USTAFF",
                "text": "help",
            },
        }
    )
    headers = {"Content-Type": "application/json", **slack.headers(body, secret="not-the-secret")}
    response = await slack.client.post("/slack/events", data=body, headers=headers)
    assert response.status == 401
    await _nothing_done(slack)


async def test_stale_signature_is_401(slack: Slack) -> None:
    body = json.dumps({"type": "event_callback", "event_id": "Ev8", "event": {}})
    headers = {"Content-Type": "application/json", **slack.headers(body, age=301)}
    response = await slack.client.post("/slack/events", data=body, headers=headers)
    assert response.status == 401
    await _nothing_done(slack)


async def test_an_event_retried_three_times_is_answered_once(slack: Slack) -> None:
    event = dm_event("USTAFF", "can I use a USB stick?")
    assert await slack.event(event, "EvSAME") == 200
    for retry in (1, 2, 3):
        status = await slack.event(
            event,
            "EvSAME",
            **{"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"},
        )
        assert status == 200
    await slack.until(lambda: slack.fake.made("chat.postMessage"))
    await _settle()
    assert len(slack.fake.made("chat.postMessage")) == 1


async def _settle() -> None:
    import asyncio

    await asyncio.sleep(0.3)


async def test_the_bots_own_messages_and_channel_chatter_are_ignored(slack: Slack) -> None:
    await slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "channel": "DSTAFF",
            "bot_id": "BBOT",
            "text": "I am the bot",
            "ts": "1.1",
        }
    )
    await slack.event(
        {
            "type": "message",
            "channel_type": "channel",
            "channel": "CGENERAL",
            "user": "USTAFF",
            "text": "lunch?",
            "ts": "1.2",
        }
    )
    await _nothing_done(slack)


_NAMES_A_USER = json.dumps(
    {"type": "event_callback", "event_id": "EvX", "event": dm_event("USTAFF", "help")}
)


@pytest.mark.parametrize("stamp", ["abc", "", "1e3", "1.5"])
async def test_an_unparseable_timestamp_is_401_and_nobody_is_messaged(
    slack: Slack, stamp: str
) -> None:
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": "v0=junk",
    }
    response = await slack.client.post("/slack/events", data=_NAMES_A_USER, headers=headers)
    assert response.status == 401
    await _settle()
    assert slack.fake.calls == []  # not even the "something went wrong" DM


MALFORMED = {
    "bad json": (b'{"type": "event_callback", ', "application/json"),
    "a json array": (b'[{"type": "event_callback"}]', "application/json"),
    "a bad payload": (b"payload=%7Bbad", "application/x-www-form-urlencoded"),
    "a payload array": (b"payload=%5B1%5D", "application/x-www-form-urlencoded"),
    "empty": (b"", "application/json"),
    "nested too deep": (b"[" * 100_000 + b"]" * 100_000, "application/json"),
    "an event that is a string": (
        b'{"type": "event_callback", "event_id": "Ev1", "event": "x"}',
        "application/json",
    ),
    "actions that are not objects": (
        b"payload=" + quote('{"type": "block_actions", "actions": "x"}').encode(),
        "application/x-www-form-urlencoded",
    ),
    "a view without a type": (
        b"payload=" + quote('{"type": "view_submission", "view": {"id": "V1"}}').encode(),
        "application/x-www-form-urlencoded",
    ),
}


@pytest.mark.parametrize("name", MALFORMED)
async def test_a_malformed_body_is_400_when_signed_and_401_when_not(
    slack: Slack, name: str
) -> None:
    body, content_type = MALFORMED[name]
    stamp = str(int(time.time()))
    signed = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(
            timestamp=stamp, body=body
        )
        or "",
    }
    response = await slack.client.post("/slack/events", data=body, headers=signed)
    assert response.status == 400
    unsigned = {**signed, "X-Slack-Signature": "v0=junk"}
    response = await slack.client.post("/slack/events", data=body, headers=unsigned)
    assert response.status == 401
    await _settle()
    assert slack.fake.calls == []
    # The server carries on.
    assert await slack.dm("USTAFF", "can I use a USB stick?") == 200
    await slack.until(lambda: slack.fake.made("chat.postMessage"))


async def test_a_body_that_is_not_utf8_is_refused_not_a_500(slack: Slack) -> None:
    # Slack signs UTF-8 text; slack_sdk's verifier cannot check anything else, so such a
    # body is unverifiable: 401, like any other request that cannot be shown to be Slack's.
    body = b'{"type": "event_callback", "event": {"text": "\xff"}}'
    headers = {"Content-Type": "application/json", **slack.headers("x")}
    response = await slack.client.post("/slack/events", data=body, headers=headers)
    assert response.status == 401
    await _settle()
    assert slack.fake.calls == []
