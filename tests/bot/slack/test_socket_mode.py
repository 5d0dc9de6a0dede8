"""Socket Mode: the server dials out to Slack over a WebSocket (no public URL), and each
envelope Slack sends on it is acked by envelope_id. The fake speaks Slack's side."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from pathlib import Path

import pytest

from bot.slack.surface import SlackSurface
from knowledge.library import Library
from testing.fake_slack import APP_TOKEN, TOKEN, FakeSlack
from tests.bot.slack.conftest import (
    CLERK_CHANNEL,
    PEOPLE,
    Slack,
    dm_event,
    event_callback,
    slack_settings,
)
from tests.bot.slack.test_decisions import shown
from tests.bot.support import core_for
from tests.bot.test_cli import CLERKBOT
from tests.workflows.store.support import FakeClock


async def test_connects_with_the_app_token_and_has_no_http_endpoint(
    socket_slack: Slack,
) -> None:
    opened = socket_slack.fake.made("apps.connections.open")
    assert len(opened) == 1 and len(socket_slack.fake.live) == 1
    response = await socket_slack.client.post("/slack/events", data="{}")
    assert response.status in (404, 405)  # nothing listens for Slack over HTTP
    assert (await socket_slack.client.get("/healthz")).status == 200


async def test_an_event_is_acked_by_envelope_and_answered(socket_slack: Slack) -> None:
    assert await socket_slack.dm("USTAFF", "can I use a USB stick?") == 200
    assert list(socket_slack.fake.acks.values()) == [{"envelope_id": "env-1"}]
    posted = await socket_slack.until(lambda: socket_slack.fake.made("chat.postMessage"))
    assert posted[0]["channel"] == "DSTAFF" and "§5.3" in shown(posted[0])
    assert not socket_slack.fake.problems


async def test_a_redelivered_event_is_acked_again_and_answered_once(socket_slack: Slack) -> None:
    event = dm_event("USTAFF", "can I use a USB stick?")
    for attempt in range(3):
        retry = {"X-Slack-Retry-Num": str(attempt)} if attempt else {}
        assert await socket_slack.event(event, event_id="EvSame", **retry) == 200
    assert len(socket_slack.fake.acks) == 3  # every envelope acked, or Slack sends it again
    await socket_slack.until(lambda: socket_slack.fake.made("chat.postMessage"))
    await asyncio.sleep(0.3)
    assert len(socket_slack.fake.made("chat.postMessage")) == 1


async def test_reconnects_when_slack_asks_and_carries_on(socket_slack: Slack) -> None:
    fake = socket_slack.fake
    first = fake.live[0]
    await fake.ask_to_reconnect()
    await socket_slack.until(lambda: len(fake.made("apps.connections.open")) == 2)
    await socket_slack.until(lambda: fake.live and fake.live[-1] is not first)
    assert await socket_slack.dm("USTAFF", "can I use a USB stick?") == 200
    posted = await socket_slack.until(lambda: fake.made("chat.postMessage"))
    assert "§5.3" in shown(posted[0])


async def test_stopping_closes_the_connection(
    tmp_path: Path, fake: FakeSlack, clock: FakeClock, library: Library
) -> None:
    core = await core_for(tmp_path, PEOPLE, clock, library)
    config = slack_settings(fake, SLACK_APP_TOKEN=APP_TOKEN)
    surface = SlackSurface.create(core, socket_mode=True, settings=config)
    try:
        await surface.start()
        assert len(fake.live) == 1
        await surface.stop()
        await asyncio.sleep(0.1)
        assert not fake.live
    finally:
        await core.close()


async def test_slack_down_at_start_up_does_not_hold_up_the_server(
    tmp_path: Path, fake: FakeSlack, clock: FakeClock, library: Library
) -> None:
    # One try and the client's two retries all fail: start() returns, and the connection
    # is made in the background once Slack answers.
    fake.fail("apps.connections.open", 500, times=3)
    core = await core_for(tmp_path, PEOPLE, clock, library)
    config = slack_settings(fake, SLACK_APP_TOKEN=APP_TOKEN)
    surface = SlackSurface.create(core, socket_mode=True, settings=config)
    try:
        await asyncio.wait_for(surface.start(), 10)
        await fake.until(lambda: fake.live)
        assert len(fake.made("apps.connections.open")) == 4
    finally:
        await surface.stop()
        await core.close()


async def test_a_refused_app_token_stops_start_up_with_a_clear_error(
    tmp_path: Path, fake: FakeSlack, clock: FakeClock, library: Library
) -> None:
    core = await core_for(tmp_path, PEOPLE, clock, library)
    config = slack_settings(fake, SLACK_APP_TOKEN="xapp-1-revoked")
    surface = SlackSurface.create(core, socket_mode=True, settings=config)
    try:
        with pytest.raises(ValueError, match=r"SLACK_APP_TOKEN: invalid_auth"):
            await asyncio.wait_for(surface.start(), 10)
        assert not fake.sockets
    finally:
        await surface.stop()
        await core.close()


async def _serve(tmp_path: Path, fake: FakeSlack, app_token: str) -> asyncio.subprocess.Process:
    people = tmp_path / "people.toml"
    people.write_text(PEOPLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CLERKBOT_"))}
    env |= {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_APP_TOKEN": app_token,
        "SLACK_API_URL": fake.url + "/api/",
        "CLERKBOT_SLACK_CLERK_CHANNEL": CLERK_CHANNEL,
        "CLERKBOT_PEOPLE_FILE": str(people),
    }
    args = ["serve", "--slack", "--socket-mode", "--port", "0", "--data-dir", str(tmp_path)]
    return await asyncio.create_subprocess_exec(
        *CLERKBOT, *args, cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE
    )


async def test_clerkbot_serve_socket_mode_end_to_end(tmp_path: Path, fake: FakeSlack) -> None:
    """The README's command, as a process: connects, answers, and on SIGTERM says goodbye
    to Slack (closes the socket) and exits cleanly."""
    process = await _serve(tmp_path, fake, APP_TOKEN)
    try:
        await fake.until(lambda: fake.live, timeout=60)
        ask = dm_event("USTAFF", "can I use a USB stick?")
        assert "envelope_id" in await fake.envelope("events_api", event_callback(ask, "Ev1"))
        posted = await fake.until(lambda: fake.made("chat.postMessage"), timeout=30)
        assert posted[0]["channel"] == "DSTAFF" and "§5.3" in shown(posted[0])
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    assert not fake.live  # the connection was closed, not dropped
    assert b"connected over Socket Mode" in err


async def test_clerkbot_serve_with_a_refused_app_token_exits_2(
    tmp_path: Path, fake: FakeSlack
) -> None:
    process = await _serve(tmp_path, fake, "xapp-1-revoked")
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    assert "Slack refused SLACK_APP_TOKEN: invalid_auth" in err.decode()


async def test_start_up_does_not_warn_about_the_token_it_uses(
    tmp_path: Path,
    fake: FakeSlack,
    clock: FakeClock,
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)  # as deployed: Bolt reads it too
    core = await core_for(tmp_path, PEOPLE, clock, library)
    try:
        with caplog.at_level(logging.WARNING):
            SlackSurface.create(core, settings=slack_settings(fake))
        assert not [r for r in caplog.records if "will be unused" in r.getMessage()]
    finally:
        await core.close()
