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

PROCEDURE = AnswerKind(
    "procedure",
    re.compile(
        r"\bwhat (?:should|do|must|shall|can) (?:i|we) (?:do|tell)\b|\bwhat now\b"
        r"|\bwho (?:do|should|shall) (?:i|we) (?:tell|report|contact|inform|let know)\b"
        r"|\bhow (?:do|should) (?:i|we) report\b|\bwhat(?:'s| is) the procedure\b"
    ),
    # The words of a clause that says what to do: report it, tell someone, switch off.
    frozenset(
        """report reported reporting inform informed notify notified contact contacted tell
        told switch switched isolate isolated immediately disconnect disconnected refer
        referred forward forwarded escalate""".split()  # noqa: SIM905
    ),
)

KINDS = (ACTOR, CONSEQUENCE, PROCEDURE)

#: A clause about the document itself, a definition, or a short example from a list of
#: kinds of media: it shares the question's topic words ("social media", "computer")
#: without saying what anyone may or must do, so it should not outrank a rule.
_DESCRIBES = re.compile(
    r"\b(?:this|the) (?:policy|section(?: of the policy)?|part of the policy|document)"
    r" (?:is intended|outlines|defines|sets out)\b"
    r"|\baim of this policy\b|\bin the context of this policy\b"
    r"|\bfor the purposes of this document\b"
    r"|^\"[^\"]+\"(?: \([^)]*\))? means\b|\bis the term for\b|\bis a collective term\b",
    re.IGNORECASE,
)
_EXAMPLE = re.compile(r"\b(?:such as|for example|e\.g\.)", re.IGNORECASE)
#: Most words an example-list item has ("Image and video sharing sites, such as YouTube").
_EXAMPLE_WORDS = 12
#: Questions about the policy's reach want exactly those clauses.
SCOPE = re.compile(
    r"\b(?:apply|applies|applied|cover|covers|covered|count|counts|include[sd]?|scope"
    r"|definition|define[sd]?|part of)\b"
)


def describes(text: str, clause_words: AbstractSet[str], rule_words: AbstractSet[str]) -> bool:
    """Is a clause a description or definition rather than a rule?"""
    if _DESCRIBES.search(text):
        return True
    short = len(text.split()) <= _EXAMPLE_WORDS
    return short and bool(_EXAMPLE.search(text)) and rule_words.isdisjoint(clause_words)


def asks_scope(question: str) -> bool:
    return bool(SCOPE.search(question.lower()))


def asked(question: str) -> tuple[AnswerKind, ...]:
    """The kinds of answer a question's framing asks for (often none)."""
    text = question.lower()
    return tuple(kind for kind in KINDS if kind.cue.search(text))


def gives(clause_words: AbstractSet[str], kinds: tuple[AnswerKind, ...]) -> bool:
    """Does a clause (its lowercased words) give one of the asked-for kinds of answer?"""
    return any(not kind.marks.isdisjoint(clause_words) for kind in kinds)
