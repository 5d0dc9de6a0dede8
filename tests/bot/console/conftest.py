"""A whole clerkbot core for scripted chats: on SQLite (a data folder) or PostgreSQL (a fresh
schema), with the store tests' backends and settable clock, and the session's policy library."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import Core, assemble, open_core
from bot.console.chat import Chat
from bot.core.door import Door
from bot.core.identity import Identities
from bot.settings import Settings
from knowledge.library import Library
from tests.workflows.store.conftest import backend, clock
from tests.workflows.store.support import Backend, FakeClock
from workflows.people import Directory
from workflows.store.memory import MemoryStore

__all__ = ["backend", "clock"]


#: Every setting the chats depend on, so no .env file or CLERKBOT_ variable changes them.
FIXED: dict[str, Any] = {
    "_env_file": None,
    "council": "watton",
    "policies_dir": None,
    "people_file": None,
    "draft_ttl_hours": 72,
    "virus_remind_minutes": 30,
    "virus_escalate_minutes": 30,
}


def settings_for(backend: Backend | None, data_dir: Path) -> Settings:
    if backend is None or backend.name == "sqlite":
        return Settings(**FIXED, data_dir=data_dir, database_url=None)
    return Settings(
        **FIXED, data_dir=data_dir, database_url=backend.url, database_schema=backend.schema
    )


class Opened:
    """A running core, with a short repr: asyncio reprs a fixture's result, and a Core's
    dataclass repr walks the whole policy library (a third of a second each time)."""

    def __init__(self, core: Core, name: str) -> None:
        self.core, self.name = core, name

    def __repr__(self) -> str:
        return f"<core on {self.name}>"


@pytest.fixture
async def opened(
    backend: Backend, tmp_path: Path, clock: FakeClock, library: Library
) -> AsyncIterator[Opened]:
    running = await open_core(settings_for(backend, tmp_path / "data"), clock, library)
    try:
        yield Opened(running, backend.name)
    finally:
        await running.close()


async def memory_core(settings: Settings, clock: FakeClock, library: Library) -> Core:
    """A whole core on MemoryStore: the Assistant and the Desk with no database at all."""
    people = Directory.load(settings.people_file)
    store = MemoryStore(clock)
    desk, assistant = assemble(settings, clock, library, people, store)
    # Core names the SQL Store; the conversations read nothing the ports don't offer.
    door = Door(store, desk.catalogue, people)  # type: ignore[arg-type]
    return Core(settings, library, people, store, desk, assistant, door, Identities(people))  # type: ignore[arg-type]


@pytest.fixture(params=["sqlite", "memory"])
async def opened_lite(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock, library: Library
) -> AsyncIterator[Opened]:
    settings = settings_for(None, tmp_path / "data")
    if request.param == "memory":
        running = await memory_core(settings, clock, library)
    else:
        running = await open_core(settings, clock, library)
    try:
        yield Opened(running, request.param)
    finally:
        await running.close()


@pytest.fixture
async def on_disk(tmp_path: Path, clock: FakeClock, library: Library) -> AsyncIterator[Core]:
    """SQLite only: for what reads the database afterwards (a restart, the CLI's reports)."""
    running = await open_core(settings_for(None, tmp_path / "data"), clock, library)
    try:
        yield running
    finally:
        await running.close()


@pytest.fixture
def core(opened: Opened) -> Core:
    """Both backends: for the conversations that must hold on PostgreSQL too."""
    return opened.core


@pytest.fixture
def lite(opened_lite: Opened) -> Core:
    """SQLite, and MemoryStore (the Assistant's unit tests): the many smaller
    conversations. The ones that must hold on PostgreSQL too take `core`."""
    return opened_lite.core


class Script:
    """A terminal session driven line by line, as `clerkbot chat` reads a pipe."""

    def __init__(self, core: Core, clock: FakeClock, who: str = "staff") -> None:
        found = core.people.find(who)
        assert found is not None
        self.core = core
        self.clock = clock
        self.chat = Chat(core.assistant, core.store, found, clock)
        self.transcript: list[str] = []

    async def say(self, line: str) -> str:
        """Push one line; what the terminal shows, as one string."""
        shown = await self.chat.push(line)
        self.transcript += [f"{self.chat.person.id}> {line[:80]}", *shown]
        return "\n\n".join(shown)

    async def lines(self, line: str) -> list[str]:
        shown = await self.chat.push(line)
        self.transcript += [f"{self.chat.person.id}> {line[:80]}", *shown]
        return shown

    async def run(self, *lines: str) -> str:
        """Several lines; what the last one showed."""
        out = ""
        for line in lines:
            out = await self.say(line)
        return out

    def at(self, hour: int, minute: int) -> None:
        self.clock.now = self.clock.now.replace(hour=hour, minute=minute)

    def later(self, **delta: float) -> datetime:
        return self.clock.advance(**delta)

    def __str__(self) -> str:
        return "\n".join(self.transcript)
