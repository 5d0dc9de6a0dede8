"""The council's people: handles, names, roles and platform ids, from a TOML file.

The file is the deployment's roles file (``CLERKBOT_PEOPLE_FILE``); a demo one ships with
one person per role. A person's ids on chat platforms are a map, written in the file as
``<platform>_id = "..."`` (``slack_id``, ``teams_id``): the platform's adapter knows what
its ids mean; nothing here names a platform, so a new one needs no change here.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from workflows.roles import DECIDERS, Role


class Person(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    #: The handle: "clerk", "j.smith". Stored on requests and in the audit log.
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._:@-]{0,127}$")
    name: str = Field(min_length=1, max_length=100)
    role: Role
    #: Platform -> this person's id there ("slack" -> "U0123ABCD").
    ids: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _platform_ids(cls, data: Any) -> Any:
        """`slack_id = "U0123"` in the file is ids["slack"]: the roles file's own words."""
        if not isinstance(data, dict):
            return data
        given = {k: v for k, v in data.items() if _PLATFORM_ID.fullmatch(k)}
        if not given:
            return data
        rest = {k: v for k, v in data.items() if k not in given}
        ids = {k.removesuffix("_id"): v for k, v in given.items() if v}
        return {**rest, "ids": {**rest.get("ids", {}), **ids}}

    @property
    def decides(self) -> bool:
        return self.role in DECIDERS

    def id_on(self, platform: str) -> str | None:
        return self.ids.get(platform)


_PLATFORM_ID = re.compile(r"[a-z][a-z0-9]*_id")


class PeopleFileError(ValueError):
    pass


class _PeopleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    person: list[Person]


class Directory:
    """Look-ups over the council's people; built once at start-up, read-only."""

    def __init__(self, people: list[Person]) -> None:
        self._by_id = {p.id: p for p in people}
        if len(self._by_id) != len(people):
            raise PeopleFileError("two people share a handle")
        self._by_platform = {(k, v): p for p in people for k, v in p.ids.items()}

    @classmethod
    def load(cls, path: Path | None = None) -> Directory:
        raw = path.read_bytes() if path else demo_people_file().read_bytes()
        try:
            parsed = _PeopleFile.model_validate(tomllib.loads(raw.decode("utf-8")))
        except (tomllib.TOMLDecodeError, ValidationError, UnicodeDecodeError) as err:
            raise PeopleFileError(f"{path or 'demo people file'}: {err}") from err
        return cls(parsed.person)

    def __iter__(self) -> Iterator[Person]:
        return iter(self._by_id.values())

    def get(self, person_id: str) -> Person | None:
        return self._by_id.get(person_id)

    def on_platform(self, platform: str, platform_id: str) -> Person | None:
        """The person whose id on `platform` this is."""
        return self._by_platform.get((platform, platform_id))

    def name_of(self, person_id: str, given: str | None = None) -> str:
        """The roles file's name; else the name they gave (kept with their request); else
        the id itself, for someone no longer in the roles file."""
        person = self._by_id.get(person_id)
        return person.name if person else given or person_id

    def find(self, handle_or_name: str) -> Person | None:
        """A handle ("clerk") or a display name ("Jane Hart"), case-insensitively."""
        wanted = handle_or_name.strip().casefold()
        for person in self._by_id.values():
            if wanted in (person.id.casefold(), person.name.casefold()):
                return person
        return None

    def with_role(self, *roles: Role) -> list[Person]:
        return [p for p in self._by_id.values() if p.role in roles]


def demo_people_file() -> Path:
    return Path(str(resources.files("workflows").joinpath("data/demo_people.toml")))
