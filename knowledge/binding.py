"""Which of a council's clauses each workflow topic rests on.

A topic is a key ("software.permission") and a few natural phrasings of what the clause
says or answers. For each council every phrasing is judged as Answerer.ask judges a
question; the best clause of each phrasing gets that phrasing's calibrated confidence as
its vote, and a clause's support is its votes over the number of phrasings. The
best-supported clause is bound when its support reaches THRESHOLD; otherwise the policy
is taken to be silent on the topic. Ties go to the earlier clause, so the result is the
same on every run. The engine binds one clause; a topic a policy states in several
clauses is the Clerk's to name.

The Clerk can correct the engine per council in an override file beside the policy,
`<slug>.topics.toml` (knowledge/policies/FORMAT.md): per workflow, per topic, a clause's
label or id, several of them, or "none". The loader reads only `*.md` as policies.

This module knows nothing of workflows: it takes plain topics (the app hands them over
from the workflows' data).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.answer import Answerer
from knowledge.judging import Judgement
from knowledge.library import Library
from knowledge.models import Clause

#: The support a clause needs to be bound: at least half the phrasings' confidence.
THRESHOLD = 0.5
#: An override file's name ends so, after the council's slug: `crewe.topics.toml`.
SUFFIX = ".topics.toml"
NONE = "none"


@dataclass(frozen=True, slots=True)
class Topic:
    #: "<workflow>.<topic>": "press_release.statement".
    key: str
    phrasings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Binding:
    """A topic bound in one council: its clauses (none: the policy is silent on it)."""

    topic: str
    clauses: tuple[Clause, ...]
    #: The engine's support for the bound clause, or for its best guess when none was
    #: bound; 1.0 when the Clerk named the clauses.
    confidence: float
    #: The clauses come from the council's override file.
    overridden: bool = False
    #: The engine's best clause when its support fell short of THRESHOLD.
    guess: Clause | None = None


class OverrideError(ValueError):
    """An override file that can't be used: the message names the file, topic and label."""


def overrides_file(folder: Path, council: str) -> Path:
    return folder / f"{council}{SUFFIX}"


def read_overrides(
    path: Path, library: Library, council: str, topics: Sequence[Topic]
) -> dict[str, tuple[Clause, ...]]:
    """The topics the file binds, each to its clauses (none: an empty tuple)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise OverrideError(f"{path.name}: not a readable TOML file ({exc})") from None
    known = {t.key for t in topics}
    found: dict[str, tuple[Clause, ...]] = {}
    for workflow, table in data.items():
        if not isinstance(table, dict):
            raise OverrideError(f"{path.name}: {workflow!r} should be a [{workflow}] table")
        for name, value in table.items():
            key = f"{workflow}.{name}"
            if key not in known:
                raise OverrideError(
                    f"{path.name}: no workflow has the topic {key!r} (topics: "
                    f"{', '.join(sorted(known))})"
                )
            found[key] = _named(path, library, council, key, value)
    return found


def _named(
    path: Path, library: Library, council: str, key: str, value: object
) -> tuple[Clause, ...]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise OverrideError(
            f'{path.name}: {key} should be a clause\'s label or id, a list of them, or "none"'
        )
    if [n.strip().casefold() for n in names] == [NONE]:
        return ()
    clauses = []
    for named in names:
        clause = library.find_clause(council, named) if named.strip() else None
        if clause is None:
            raise OverrideError(
                f"{path.name}: {key} names {named!r}, which is not a clause of {council}'s "
                'policy (give its label as the policy shows it, such as "§5.2" or '
                '"Virus Controls, point 2", its id, or "none")'
            )
        clauses.append(clause)
    return tuple(dict.fromkeys(clauses))


def bind(
    answerer: Answerer,
    councils: Iterable[str],
    topics: Sequence[Topic],
    folder: Path | None = None,
) -> dict[str, list[Binding]]:
    """Every topic bound in each council, overrides read from `folder` where it has them.

    Each phrasing is read once and judged against every council that needs it.
    Raises OverrideError for an override file that names what isn't there.
    """
    wanted = list(councils)
    overrides = {c: _overrides(answerer.library, c, topics, folder) for c in wanted}
    found: dict[str, list[Binding]] = {c: [] for c in wanted}
    for topic in topics:
        asked = [c for c in wanted if topic.key not in overrides[c]]
        support = _support(answerer, topic, asked)
        for council in wanted:
            named = overrides[council].get(topic.key)
            if named is not None:
                found[council].append(Binding(topic.key, named, 1.0, overridden=True))
            else:
                found[council].append(_decide(topic.key, support[council]))
    return found


def _overrides(
    library: Library, council: str, topics: Sequence[Topic], folder: Path | None
) -> Mapping[str, tuple[Clause, ...]]:
    if folder is None:
        return {}
    path = overrides_file(folder, council)
    return read_overrides(path, library, council, topics) if path.is_file() else {}


def _support(
    answerer: Answerer, topic: Topic, councils: Sequence[str]
) -> dict[str, list[tuple[Clause, float]]]:
    """Per council, each clause voted for and its share of the phrasings' confidence."""
    votes: dict[str, dict[str, tuple[Clause, float]]] = {c: {} for c in councils}
    ballots: dict[str, dict[str, int]] = {c: {} for c in councils}
    share = 1 / max(1, len(topic.phrasings))
    for phrasing in topic.phrasings if councils else ():
        for council, judged in _judged(answerer, phrasing, councils):
            if judged.ranked:
                best = judged.ranked[0].clause
                _, before = votes[council].get(best.id, (best, 0.0))
                votes[council][best.id] = (best, before + judged.confidence * share)
                ballots[council][best.id] = ballots[council].get(best.id, 0) + 1
    # A clause only one phrasing of three finds is chance, however sure that one is: its
    # support counts for nothing (it can still be reported as the nearest guess).
    needed = (len(topic.phrasings) + 1) // 2 if len(topic.phrasings) > 2 else 1
    return {
        c: [(clause, s if ballots[c][k] >= needed else 0.0) for k, (clause, s) in v.items()]
        for c, v in votes.items()
    }


def _judged(
    answerer: Answerer, phrasing: str, councils: Sequence[str]
) -> Iterable[tuple[str, Judgement]]:
    """The phrasing judged in each council as Answerer.ask judges a question (without
    quoting or looking for a reference): read once, judged against each."""
    library, judge = answerer.library, answerer.judge
    query = library.analyzer.query(phrasing)
    asking = judge.asking(phrasing, query)
    for council in councils:
        compared = judge.compares_councils
        others = answerer.reference_candidates(query, council) if compared else []
        yield council, judge.judge(asking, library.indexes[council], others)


def _decide(key: str, support: Sequence[tuple[Clause, float]]) -> Binding:
    if not support:
        return Binding(key, (), 0.0)
    best, share = min(support, key=lambda voted: (-round(voted[1], 9), voted[0].order))
    if share >= THRESHOLD:
        return Binding(key, (best,), round(share, 3))
    return Binding(key, (), round(share, 3), guess=best)
