"""The Teams bot on a real aiohttp server, its replies going to a local fake connector.

`teams` runs on SQLite and PostgreSQL; `teams_lite` on SQLite only, for the many smaller
conversations. Both serve the bot through `build_app`, outbox loop included.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import Core, open_core
from bot.server import build_app
from bot.teams.settings import TeamsSettings
from bot.teams.surface import TeamsSurface
from knowledge.library import Library
from tests.bot.console.conftest import FIXED
from tests.bot.teams.connector import FakeConnector
from tests.bot.teams.support import CLERK_CHANNEL, PEOPLE_TOML, TeamsClient
from tests.workflows.store.conftest import backend, clock
from tests.workflows.store.support import Backend, FakeClock

__all__ = ["backend", "clock"]


def teams_settings(**overrides: str) -> TeamsSettings:
    given = {"clerk_channel": CLERK_CHANNEL, **overrides}
    return TeamsSettings(_env_file=None, **given)  # type: ignore[arg-type]


async def _core(backend: Backend | None, tmp_path: Path, clock: FakeClock, lib: Library) -> Core:
    from bot.settings import Settings

    people = tmp_path / "people.toml"
    people.write_text(PEOPLE_TOML, encoding="utf-8")
    fixed = {**FIXED, "people_file": people, "data_dir": tmp_path / "data"}
    if backend is None or backend.name == "sqlite":
        settings = Settings(**fixed, database_url=None)
    else:
        settings = Settings(**fixed, database_url=backend.url, database_schema=backend.schema)
    return await open_core(settings, clock, lib)


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
    core = await _core(backend, tmp_path, clock, library)
    try:
        async for client in _client(core, connector, teams_settings()):
            yield client
    finally:
        await core.close()


@pytest.fixture
async def teams_lite(
    tmp_path: Path, clock: FakeClock, library: Library, connector: tuple[FakeConnector, str]
) -> AsyncIterator[TeamsClient]:
    core = await _core(None, tmp_path, clock, library)
    try:
        async for client in _client(core, connector, teams_settings()):
            yield client
    finally:
        await core.close()
