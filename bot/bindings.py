"""Where the workflows meet the policies: every workflow topic (workflows/data/topics.toml)
bound to a council's clauses by the knowledge engine, or as the council's override file
names them (knowledge/binding.py), and handed to the workflows as plain `Bindings`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from knowledge.answer import Answerer
from knowledge.binding import Binding, Topic, bind, overrides_file
from knowledge.config import RankingConfig
from knowledge.library import Library
from workflows.topics import Bindings, BoundClause, topics

#: Library id, judge, config, councils, override files' text: the result, and the library
#: (held, so its id stays its own while the entry lives).
_Key = tuple[int, str, RankingConfig, tuple[str, ...], tuple[str, ...]]
_RESOLVED: dict[_Key, tuple[Library, dict[str, list[Binding]]]] = {}
#: Entries kept (each holds its library): a process builds its cores on one library.
KEPT = 4


def plain_topics() -> list[Topic]:
    """The workflows' topics as the knowledge engine takes them: a key and phrasings."""
    return [Topic(t.key, t.phrasings) for t in topics()]


def resolve(
    answerer: Answerer, councils: Iterable[str], folder: Path | None
) -> dict[str, list[Binding]]:
    """Every topic bound in each council; `folder` holds the councils' override files.

    Worked out once per process for a library, a kind of judge and the override files as
    they read now: each core built on the same library binds alike, without asking again
    (a fresh judge's answers depend on nothing else; bindings are resolved before any
    question the Clerk linked is taught). Raises knowledge.binding.OverrideError (a
    ValueError) for an override file naming no clause.
    """
    wanted = tuple(councils)
    library = answerer.library
    key = (
        id(library),
        type(answerer.judge).__qualname__,
        answerer.config,
        wanted,
        tuple(_read(folder, c) for c in wanted),
    )
    kept = _RESOLVED.get(key)
    if kept is None or kept[0] is not library:
        if len(_RESOLVED) >= KEPT:
            del _RESOLVED[next(iter(_RESOLVED))]
        kept = _RESOLVED[key] = (library, bind(answerer, wanted, plain_topics(), folder))
    return {council: list(found) for council, found in kept[1].items()}


def _read(folder: Path | None, council: str) -> str:
    path = overrides_file(folder, council) if folder else None
    return path.read_text(encoding="utf-8", errors="replace") if path and path.is_file() else ""


def for_workflows(resolved: Mapping[str, Sequence[Binding]]) -> Bindings:
    return Bindings(
        {
            council: {
                b.topic: tuple(BoundClause(c.id, c.label, c.text, c.order) for c in b.clauses)
                for b in found
            }
            for council, found in resolved.items()
        }
    )
