"""A running clerkbot Slack server (the real aiohttp app, Bolt and all) against a fake
Slack Web API, with requests signed as Slack signs them."""

from __future__ import annotations

import asyncio
import inspect
import json
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer
from slack_sdk.signature import SignatureVerifier

from bot.app import Core, open_core
from bot.server import build_app
from bot.settings import Settings
from bot.slack.settings import SlackSettings
from bot.slack.surface import SlackSurface
from knowledge.library import Library
from tests.bot.console.conftest import FIXED
from tests.bot.slack.fake_slack import TOKEN, FakeSlack
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

    def __init__(self, client: TestClient[Any, Any], fake: FakeSlack, core: Core) -> None:
        self.client, self.fake, self.core = client, fake, core
        self.respond_url = str(fake.url)
        self._n = 0

    def headers(self, body: str, *, age: int = 0, secret: str = SECRET) -> dict[str, str]:
        stamp = str(int(time.time()) - age)
        signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
        return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}

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
        body = json.dumps(
            {
                "type": "event_callback",
                "team_id": "T1",
                "api_app_id": "A1",
                "event_id": event_id or f"Ev{self._n:04d}",
                "event_time": int(time.time()),
                "event": event,
            }
        )
        return await self.post(body, "application/json", **headers)

    async def dm(self, user: str, text: str, **headers: str) -> int:
        self._n += 1
        event = {
            "type": "message",
            "channel_type": "im",
            "channel": "D" + user[1:],
            "user": user,
            "text": text,
            "ts": f"1700000100.{self._n:06d}",
        }
        return await self.event(event, **headers)

    async def command(self, command: str, text: str, user: str) -> int:
        self._n += 1
        body = urlencode(
            {
                "command": command,
                "text": text,
                "user_id": user,
                "user_name": user.lower(),
                "channel_id": "CGENERAL",
                "team_id": "T1",
                "trigger_id": f"trig{self._n}",
                "response_url": f"{self.respond_url}/respond/{self._n}",
            }
        )
        return await self.post(body, "application/x-www-form-urlencoded")

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
        body = urlencode({"payload": json.dumps(payload)})
        return await self.exchange(body, "application/x-www-form-urlencoded")

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

    async def until(self, check: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait for the work done after the ack (and the outbox) to show at the fake."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            found = check()
            if inspect.isawaitable(found):
                found = await found
            if found:
                return found
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"timed out; calls: {[c.method for c in self.fake.calls]}")
            await asyncio.sleep(0.02)


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
    tmp_path: Path, fake: FakeSlack, clock: FakeClock, library: Library, be: Backend | None
) -> AsyncIterator[Slack]:
    people = tmp_path / "people.toml"
    people.write_text(PEOPLE, encoding="utf-8")
    fixed = {**FIXED, "people_file": people, "data_dir": tmp_path / "data"}
    if be is None or be.name == "sqlite":
        settings = Settings(**fixed, database_url=None)
    else:
        settings = Settings(**fixed, database_url=be.url, database_schema=be.schema)
    core = await open_core(settings, clock, library)
    surface = SlackSurface.create(core, settings=slack_settings(fake))
    server = TestServer(build_app(core, [surface], outbox_interval=0.05))
    client = TestClient(server)
    await client.start_server()
    try:
        yield Slack(client, fake, core)
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
