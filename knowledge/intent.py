"""What kind of answer a question asks for, read from its framing words.

Chat questions carry their intent in words the analyzer drops as stop words or chat
filler: "who do I tell", "what happens if". Those words match no clause, yet they say
which of two clauses on the same topic is wanted: "who runs our page?" wants the clause
naming the Clerk or the moderator, "what happens to someone who posts racist stuff?" the
clause on disciplinary action. `rank` gives a clause of the asked-for kind a small boost.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AnswerKind:
    name: str
    #: Question wording that asks for this kind of answer (matched on the lowercased text).
    cue: re.Pattern[str]
    #: Clause words that give this kind of answer (whole words, lowercased).
    marks: frozenset[str]


ACTOR = AnswerKind(
    "actor",
    re.compile(r"\bwho(?:m|se)?\b"),
    # The people and bodies policies make responsible, and the words that assign them.
    frozenset(
        """clerk moderator webmaster manager provider chair chairman committee
        responsible authority appoint appointed nominated administered""".split()  # noqa: SIM905
    ),
)

CONSEQUENCE = AnswerKind(
    "consequence",
    re.compile(
        r"\bwhat(?:['\u2019]?s| is)? (?:going to |gonna |will |would |could )?happens?\b"
        r"|\bin trouble\b|\bconsequences?\b"
    ),
    frozenset("disciplinary dismissal misconduct breach breaches action sanctions".split()),  # noqa: SIM905
)

KINDS = (ACTOR, CONSEQUENCE)


def asked(question: str) -> tuple[AnswerKind, ...]:
    """The kinds of answer a question's framing asks for (often none)."""
    text = question.lower()
    return tuple(kind for kind in KINDS if kind.cue.search(text))


def gives(clause_words: AbstractSet[str], kinds: tuple[AnswerKind, ...]) -> bool:
    """Does a clause (its lowercased words) give one of the asked-for kinds of answer?"""
    return any(not kind.marks.isdisjoint(clause_words) for kind in kinds)
