"""What the terminal-chat conversations share: people by handle, a request's state, a
software request filled in from start to finish."""

from __future__ import annotations

from bot.app import Core
from bot.messages import User
from tests.bot.console.conftest import Script
from workflows.people import Person

BELL = "\U0001f514 "


def user(core: Core, handle: str) -> User:
    person = core.people.get(handle)
    assert person is not None
    return User(id=person.id, name=person.name, role=person.role)


def someone(core: Core, handle: str) -> Person:
    person = core.people.get(handle)
    assert person is not None
    return person


async def state_of(core: Core, request_id: str) -> str:
    record = await core.store.get_request(request_id)
    assert record is not None
    return record.state


async def fill_software(s: Script, name: str = "Zoom") -> str:
    return await s.run(
        "I need to install some software",
        name,
        f"{name} Workplace 6.2, https://zoom.us",
        "Remote committee meetings",
        "Office laptop",
        "Free basic licence",
        "no",
        "Confirm and send",
    )
