"""The console conftest's cores (both backends), for the core's own tests."""

from tests.bot.console.conftest import backend, clock, core, opened

__all__ = ["backend", "clock", "core", "opened"]
