"""A running clerkbot Slack server (the real aiohttp app, Bolt and all) against a fake
Slack Web API, with requests signed as Slack signs them."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer
from slack_sdk.signature import SignatureVerifier

from bot.app import Core
from bot.server import build_app
from bot.slack.listeners import SlackBot
from bot.slack.settings import SlackSettings
from bot.slack.surface import SlackSurface
from knowledge.library import Library
from testing.fake_slack import APP_TOKEN, TOKEN, FakeSlack
from tests.bot.support import core_for
from tests.workflows.store.conftest import backend, clock
from tests.workflows.store.support import Backend, FakeClock

__all__ = ["backend", "clock"]

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
CLERK_CHANNEL = "CCLERK"

PEOPLE = """
[[person]]
id = "staff"
name = "Sam Staff"
role = "staff"
slack_id = "USTAFF"

[[person]]
id = "councillor"
name = "Chris Councillor"
role = "councillor"
slack_id = "UCLLR"

[[person]]
id = "clerk"
name = "Jane Clerk"
role = "clerk"
slack_id = "UCLERK"

[[person]]
id = "deputy"
name = "Dev Deputy"
role = "deputy"
slack_id = "UDEPUTY"

[[person]]
id = "it"
name = "Ivy IT Services"
role = "it_provider"
slack_id = "UIT"
"""


class Slack:
    """Drives the server as Slack would: signed events, commands and interactions."""

    def __init__(
        self, client: TestClient[Any, Any], fake: FakeSlack, core: Core, bot: SlackBot
    ) -> None:
        self.client, self.fake, self.core, self.bot = client, fake, core, bot
        self.respond_url = str(fake.url)
        self._n = 0

    def headers(self, body: str, *, age: int = 0, secret: str = SECRET) -> dict[str, str]:
        stamp = str(int(time.time()) - age)
        signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
        return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}

    async def deliver(self, kind: str, payload: dict[str, Any], **headers: str) -> tuple[int, str]:
        """Send what Slack sends, encoded as Slack encodes it over HTTP: events as JSON,
        commands as a form, interactions as a form's `payload` field."""
        if kind == "events_api":
            return await self.exchange(json.dumps(payload), "application/json", **headers)
        form = payload if kind == "slash_commands" else {"payload": json.dumps(payload)}
        return await self.exchange(urlencode(form), "application/x-www-form-urlencoded", **headers)

    async def post(self, body: str, content_type: str, **headers: str) -> int:
        return (await self.exchange(body, content_type, **headers))[0]

    async def exchange(self, body: str, content_type: str, **headers: str) -> tuple[int, str]:
        """POST as Slack does; the status and the body of the ack."""
        all_headers = {"Content-Type": content_type, **self.headers(body), **headers}
        response = await self.client.post("/slack/events", data=body, headers=all_headers)
        return response.status, await response.text()

    async def event(
        self, event: dict[str, Any], event_id: str | None = None, **headers: str
    ) -> int:
        self._n += 1
        body = event_callback(event, event_id or f"Ev{self._n:04d}")
        return (await self.deliver("events_api", body, **headers))[0]

    async def dm(self, user: str, text: str, **headers: str) -> int:
        self._n += 1
        return await self.event(dm_event(user, text, f"1700000100.{self._n:06d}"), **headers)

    async def command(self, command: str, text: str, user: str) -> int:
        self._n += 1
        body = {
            "command": command,
            "text": text,
            "user_id": user,
            "user_name": user.lower(),
            "channel_id": "CGENERAL",
            "team_id": "T1",
            "trigger_id": f"trig{self._n}",
            "response_url": f"{self.respond_url}/respond/{self._n}",
        }
        return (await self.deliver("slash_commands", body))[0]

    async def interact(self, payload: dict[str, Any]) -> int:
        return (await self.interaction(payload))[0]

    async def interaction(self, payload: dict[str, Any]) -> tuple[int, str]:
        self._n += 1
        payload = {
            "team": {"id": "T1"},
            "api_app_id": "A1",
            "trigger_id": f"trig{self._n}",
            "response_url": f"{self.respond_url}/respond/{self._n}",
            **payload,
        }
        return await self.deliver("interactive", payload)

    async def press(
        self, user: str, button: dict[str, Any], channel: str, message_ts: str = "1700000000.000001"
    ) -> int:
        return await self.interact(
            {
                "type": "block_actions",
                "user": {"id": user, "name": user.lower()},
                "channel": {"id": channel},
                "container": {"type": "message", "channel_id": channel, "message_ts": message_ts},
                "message": {"ts": message_ts, "text": ""},
                "actions": [
                    {
                        "type": "button",
                        "action_id": button["action_id"],
                        "value": button.get("value", ""),
                        "block_id": "b",
                        "action_ts": "1",
                    }
                ],
            }
        )

    async def until(self, check: Callable[[], Any], timeout: float = 15.0) -> Any:
        return await self.fake.until(check, timeout)


def event_callback(event: dict[str, Any], event_id: str) -> dict[str, Any]:
    """An Events API delivery wrapping `event`, as Slack sends it."""
    return {
        "type": "event_callback",
        "team_id": "T1",
        "api_app_id": "A1",
        "event_id": event_id,
        "event_time": int(time.time()),
        "event": event,
    }


def dm_event(user: str, text: str, ts: str = "1700000100.000001") -> dict[str, Any]:
    """A message in the app's DM with `user`, as the Events API carries it."""
    return {
        "type": "message",
        "channel_type": "im",
        "channel": "D" + user[1:],
        "user": user,
        "text": text,
        "ts": ts,
    }


class SocketSlack(Slack):
    """The same conversations over Socket Mode: each delivery is an envelope on the
    WebSocket the server opened to the fake, and the ack comes back on it."""

    async def deliver(self, kind: str, payload: dict[str, Any], **headers: str) -> tuple[int, str]:
        retry = int(headers.get("X-Slack-Retry-Num", "0"))
        ack = await self.fake.envelope(kind, payload, retry_attempt=retry)
        body = ack.get("payload")
        return 200, json.dumps(body) if body else ""


def buttons(args: dict[str, Any]) -> list[dict[str, Any]]:
    """Every button in a posted message's (or view's) blocks."""
    blocks = args.get("blocks") or (args.get("view") or {}).get("blocks") or []
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def button(args: dict[str, Any], label: str) -> dict[str, Any]:
    found = [b for b in buttons(args) if b["text"]["text"] == label]
    assert found, f"no {label!r} button in {[b['text']['text'] for b in buttons(args)]}"
    return found[0]


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    server = TestServer(fake.app())
    await server.start_server()
    fake.url = str(server.make_url("")).rstrip("/")
    try:
        yield fake
    finally:
        await server.close()


def slack_settings(fake: FakeSlack, **extra: Any) -> SlackSettings:
    return SlackSettings.model_validate(
        {
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": fake.url + "/api/",
            "SLACK_CLERK_CHANNEL": CLERK_CHANNEL,
            "SLACK_API_RETRIES": 2,
            **extra,
        }
    )


async def running(
    tmp_path: Path,
    fake: FakeSlack,
    clock: FakeClock,
    library: Library,
    be: Backend | None,
    *,
    socket_mode: bool = False,
    settings: dict[str, Any] | None = None,
) -> AsyncIterator[Slack]:
    core = await core_for(tmp_path, PEOPLE, clock, library, be)
    extra = {"SLACK_APP_TOKEN": APP_TOKEN, "SLACK_SIGNING_SECRET": None} if socket_mode else {}
    config = slack_settings(fake, **extra, **(settings or {}))
    surface = SlackSurface.create(core, socket_mode=socket_mode, settings=config)
    server = TestServer(build_app(core, [surface], outbox_interval=0.05))
    client = TestClient(server)
    await client.start_server()  # in Socket Mode, connected by the time this returns
    try:
        yield (SocketSlack if socket_mode else Slack)(client, fake, core, surface.bot)
    finally:
        await client.close()
        await core.close()


@pytest.fixture
async def slack(
    tmp_path: Path, fake: FakeSlack, clock: FakeClock, library: Library
) -> AsyncIterator[Slack]:
    """SQLite: most Slack conversations."""
    async for ready in running(tmp_path, fake, clock, library, None):
        yield ready


@pytest.fixture
async def slack_on(
    tmp_path: Path, fake: FakeSlack, clock: FakeClock, library: Library, backend: Backend
) -> AsyncIterator[Slack]:
    """Both backends: the decision flow must hold on PostgreSQL too."""
    async for ready in running(tmp_path, fake, clock, library, backend):
        yield ready


@pytest.fixture
async def socket_slack(
    tmp_path: Path, fake: FakeSlack, clock: FakeClock, library: Library
) -> AsyncIterator[Slack]:
    """The server in Socket Mode: no HTTP endpoint, a WebSocket to the fake instead."""
    async for ready in running(tmp_path, fake, clock, library, None, socket_mode=True):
        yield ready


@pytest.fixture(params=["http", "socket-mode"])
async def any_slack(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    fake: FakeSlack,
    clock: FakeClock,
    library: Library,
) -> AsyncIterator[Slack]:
    """Over HTTP and over Socket Mode: what people do must not depend on the transport."""
    socket_mode = request.param == "socket-mode"
    async for ready in running(tmp_path, fake, clock, library, None, socket_mode=socket_mode):
        yield ready
