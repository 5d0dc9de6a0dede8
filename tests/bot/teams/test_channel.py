"""Who the Teams channel can reach, as the outbox asks it (no server needed)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import cast

from bot.core.recipients import ToPerson
from bot.teams.channel import TeamsChannel
from bot.teams.outgoing import Outgoing
from knowledge.library import Library
from tests.bot.support import core_for
from tests.bot.teams.conftest import teams_settings
from tests.bot.teams.support import PEOPLE_TOML
from tests.workflows.store.support import FakeClock


async def test_people_who_wrote_before_a_restart_are_reachable_after_it(
    tmp_path: Path, clock: FakeClock, library: Library
) -> None:
    core = await core_for(tmp_path, PEOPLE_TOML, clock, library)
    try:
        # "councillor" has no teams_id: only their stored chat makes them reachable.
        await core.store.save_conversation_ref("councillor", "teams", {"conversation": {}})
        channel = TeamsChannel(cast(Outgoing, SimpleNamespace(core=core)), teams_settings())
        assert channel.reaches(ToPerson("staff"))  # by teams_id
        assert not channel.reaches(ToPerson("councillor"))
        await channel.load()
        assert channel.reaches(ToPerson("councillor"))
        assert not channel.reaches(ToPerson("it"))
    finally:
        await core.close()
