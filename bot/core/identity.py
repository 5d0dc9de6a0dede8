"""Platform users -> the council's people, and back, for any platform.

Someone the roles file lists (by their id on that platform) keeps their handle and role.
Anyone else in the workspace may still ask questions and file requests as staff, under a
handle the platform's adapter derives from their platform id (`Handles`), so requests,
audit rows and notifications reach them. Each adapter owns what its ids look like.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.messages import User
from workflows.people import Directory, Person
from workflows.roles import Role


class Handles(Protocol):
    """One platform's ids, as its adapter knows them."""

    @property
    def platform(self) -> str:
        """The key of this platform's ids in the roles file ("slack" for `slack_id`)."""
        ...

    @property
    def unnamed(self) -> str:
        """Shown for someone the platform gave no name ("": their platform id)."""
        ...

    def handle(self, platform_id: str) -> str:
        """A stable handle for someone the roles file doesn't list."""
        ...

    def platform_id(self, handle: str) -> str | None:
        """The platform id a derived handle came from, when it can be read back."""
        ...


@dataclass(frozen=True, slots=True)
class Identities:
    people: Directory

    def user(self, handles: Handles, platform_id: str, name: str = "") -> User:
        person = self.people.on_platform(handles.platform, platform_id)
        if person is not None:
            return _user(person, handles.platform, platform_id)
        return User(
            id=handles.handle(platform_id),
            name=name or handles.unnamed or platform_id,
            role=Role.STAFF,
            platform=handles.platform,
            platform_id=platform_id,
        )

    def listed(self, handles: Handles, platform_id: str) -> bool:
        """Whether the roles file names this platform user (then its name is used)."""
        return self.people.on_platform(handles.platform, platform_id) is not None

    def platform_id(self, handles: Handles, person_id: str) -> str | None:
        """Where to reach a handle on this platform: the roles file, or the derived handle."""
        person = self.people.get(person_id)
        if person is not None:
            return person.id_on(handles.platform)
        return handles.platform_id(person_id)

    def decides(self, person_id: str) -> bool:
        person = self.people.get(person_id)
        return person is not None and person.decides

    def deciders(self) -> list[str]:
        """The handles of everyone who may decide requests."""
        return [p.id for p in self.people if p.decides]


def _user(person: Person, platform: str, platform_id: str) -> User:
    return User(
        id=person.id,
        name=person.name,
        role=person.role,
        platform=platform,
        platform_id=platform_id,
    )
