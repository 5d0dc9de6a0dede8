"""What each workflow rests on, as topics (data/topics.toml), and what one council's policy
says on them: the clauses bound to each topic.

The app binds every topic in the council's policy with the knowledge engine, or takes the
clauses the council's Clerk named (knowledge/binding.py), and hands the result here as
`Bindings`: this package never reads a policy itself, and names no council's clause.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources


@dataclass(frozen=True, slots=True)
class Topic:
    workflow: str
    name: str
    #: What the clause is about, to finish "the policy is silent on ...".
    about: str
    #: Natural phrasings of what the clause says or answers, asked of each policy.
    phrasings: tuple[str, ...]
    #: Cited when the workflow starts (otherwise only a check rests on it).
    cited: bool = True

    @property
    def key(self) -> str:
        return f"{self.workflow}.{self.name}"


@functools.cache
def topics() -> tuple[Topic, ...]:
    """Every workflow's topics, as data/topics.toml declares them (in its order)."""
    text = resources.files("workflows").joinpath("data/topics.toml").read_text("utf-8")
    return tuple(
        Topic(
            workflow,
            name,
            str(topic["about"]),
            tuple(str(p) for p in topic["phrasings"]),
            bool(topic.get("cited", True)),
        )
        for workflow, table in tomllib.loads(text).items()
        for name, topic in table.items()
    )


def topics_of(workflow: str) -> tuple[Topic, ...]:
    return tuple(t for t in topics() if t.workflow == workflow)


@dataclass(frozen=True, slots=True)
class BoundClause:
    """A clause a topic is bound to, as the workflows need it: to cite, and to read."""

    id: str
    label: str
    #: Verbatim.
    text: str
    #: Its place in the policy, so cited clauses come in the policy's order.
    order: int = 0


@dataclass(frozen=True, slots=True)
class Policy:
    """One council's policy on one workflow's topics: the clauses bound to each topic
    (none: the policy is silent on it)."""

    council: str
    workflow: str
    #: Topic name -> its clauses.
    bound: Mapping[str, tuple[BoundClause, ...]] = field(default_factory=dict)

    def on(self, topic: str) -> tuple[BoundClause, ...]:
        return self.bound.get(topic, ())

    @property
    def cited(self) -> tuple[str, ...]:
        """The clause ids cited when the workflow starts, in the policy's order."""
        clauses = {c.id: c for t in topics_of(self.workflow) if t.cited for c in self.on(t.name)}
        return tuple(i for i, _ in sorted(clauses.items(), key=lambda item: item[1].order))

    @property
    def silent(self) -> tuple[str, ...]:
        """What the cited topics the policy says nothing on are about."""
        return tuple(t.about for t in topics_of(self.workflow) if t.cited and not self.on(t.name))


@dataclass(frozen=True, slots=True)
class Bindings:
    """The clauses bound to every topic, per council: council -> topic key -> clauses."""

    bound: Mapping[str, Mapping[str, tuple[BoundClause, ...]]] = field(default_factory=dict)

    def policy(self, council: str, workflow: str) -> Policy:
        """What the council's policy says on the workflow's topics (nothing, for a council
        that was not bound)."""
        mine = self.bound.get(council, {})
        prefix = f"{workflow}."
        return Policy(
            council,
            workflow,
            {k.removeprefix(prefix): v for k, v in mine.items() if k.startswith(prefix)},
        )
