"""What the platform harnesses share: a core on either backend with a given roles file."""

from __future__ import annotations

from pathlib import Path

from bot.app import Core, open_core
from bot.settings import Settings
from knowledge.library import Library
from tests.bot.console.conftest import FIXED
from tests.workflows.store.support import Backend, FakeClock


async def core_for(
    tmp_path: Path,
    people_toml: str,
    clock: FakeClock,
    library: Library,
    backend: Backend | None = None,
) -> Core:
    """The core a server runs on: SQLite in tmp_path, or the backend's PostgreSQL schema."""
    people = tmp_path / "people.toml"
    people.write_text(people_toml, encoding="utf-8")
    fixed = {**FIXED, "people_file": people, "data_dir": tmp_path / "data"}
    if backend is None or backend.name == "sqlite":
        settings = Settings(**fixed, database_url=None)
    else:
        settings = Settings(**fixed, database_url=backend.url, database_schema=backend.schema)
    return await open_core(settings, clock, library)
