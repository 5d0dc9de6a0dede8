"""The Teams bot on a real aiohttp server, its replies going to a local fake connector.

`teams` runs on SQLite and PostgreSQL; `teams_lite` on SQLite only, for the many smaller
conversations. Both serve the bot through `build_app`, outbox loop included.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import Core
from bot.server import build_app
from bot.teams.settings import TeamsSettings
from bot.teams.surface import TeamsSurface
from knowledge.library import Library
from tests.bot.support import core_for
from tests.bot.teams.connector import FakeConnector
from tests.bot.teams.support import CLERK_CHANNEL, PEOPLE_TOML, TeamsClient
from tests.workflows.store.conftest import backend, clock
from tests.workflows.store.support import Backend, FakeClock

__all__ = ["backend", "clock"]


def teams_settings(**overrides: str) -> TeamsSettings:
    given = {"clerk_channel": CLERK_CHANNEL, **overrides}
    return TeamsSettings(_env_file=None, **given)  # type: ignore[arg-type]


@pytest.fixture
async def connector() -> AsyncIterator[tuple[FakeConnector, str]]:
    fake = FakeConnector()
    server = TestServer(fake.app())
    await server.start_server()
    try:
        yield fake, str(server.make_url("")).rstrip("/")
    finally:
        await server.close()
    assert not fake.invalid, f"the bot sent cards that are not Adaptive Cards 1.5: {fake.invalid}"


async def _client(
    core: Core, connector: tuple[FakeConnector, str], settings: TeamsSettings
) -> AsyncIterator[TeamsClient]:
    surface = TeamsSurface.create(core, host="127.0.0.1", settings=settings)
    app = build_app(core, [surface], outbox_interval=0.05)
    async with TestClient(TestServer(app)) as http:
        fake, url = connector
        yield TeamsClient(http, fake, url + "/")


@pytest.fixture
async def teams(
    backend: Backend,
    tmp_path: Path,
    clock: FakeClock,
    library: Library,
    connector: tuple[FakeConnector, str],
) -> AsyncIterator[TeamsClient]:
    core = await core_for(tmp_path, PEOPLE_TOML, clock, library, backend)
    try:
        async for client in _client(core, connector, teams_settings()):
            yield client
    finally:
        await core.close()


@pytest.fixture
async def teams_lite(
    tmp_path: Path, clock: FakeClock, library: Library, connector: tuple[FakeConnector, str]
) -> AsyncIterator[TeamsClient]:
    core = await core_for(tmp_path, PEOPLE_TOML, clock, library)
    try:
        async for client in _client(core, connector, teams_settings()):
            yield client
    finally:
        await core.close()
