"""The authorised-software register, as policy answers consult it ("is Zoom approved?")."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.core.ports import RegisterReader
from bot.core.present import when
from workflows.people import Directory
from workflows.store import SoftwareEntry

_ASKS_ABOUT = re.compile(
    r"\b(?:is|are|has|have)\s+(?:the\s+)?(?P<name>[\w .+#-]{2,40}?)\s+(?:been\s+)?"
    r"(?:approved|allowed|authori[sz]ed|permitted|ok|okay|on the register)\b",
    re.IGNORECASE,
)


def register_notes(question: str, entries: Sequence[SoftwareEntry], people: Directory) -> list[str]:
    """Lines to put before the policy clause: the register's entries that the question names."""
    folded = question.casefold()
    named = [e for e in entries if _names(folded, e.name)]
    if named:
        return [_entry_line(e, people) for e in named]
    asked = _ASKS_ABOUT.search(question)
    if asked and _software_like(asked.group("name")):
        name = asked.group("name").strip()
        return [
            f"{name} is not on the authorised-software register: ask the Clerk before using it."
        ]
    return []


def _names(folded_question: str, name: str) -> bool:
    wanted = name.casefold().strip()
    return bool(wanted) and re.search(rf"\b{re.escape(wanted)}\b", folded_question) is not None


def _software_like(name: str) -> bool:
    # "is it ok", "are we allowed": pronouns and vague words are not software names.
    return name.strip().casefold() not in {
        "it",
        "this",
        "that",
        "we",
        "i",
        "they",
        "he",
        "she",
        "you",
    }


def _entry_line(entry: SoftwareEntry, people: Directory) -> str:
    by = people.name_of(entry.approved_by)
    version = f" ({entry.version})" if entry.version else ""
    return (
        f"{entry.name}{version} is on the authorised-software register: approved by {by} "
        f"at {when(entry.approved_at)} ({entry.request_id})."
    )


@dataclass(slots=True)
class RegisterView:
    """The register as answers read it: kept for a few seconds rather than read from the
    database for every question (it changes a few times a year). This process forgets it
    after each of its own decisions; another replica's approval shows within `ttl`."""

    store: RegisterReader
    council: str
    ttl: float = 10.0
    clock: Callable[[], float] = time.monotonic
    _kept: tuple[float, list[SoftwareEntry]] | None = field(default=None, init=False)

    async def entries(self) -> list[SoftwareEntry]:
        now = self.clock()
        if self._kept is None or now - self._kept[0] > self.ttl:
            self._kept = (now, await self.store.software_register(self.council))
        return self._kept[1]

    def forget(self) -> None:
        self._kept = None
