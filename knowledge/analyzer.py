"""Text to index terms: words, stems, concept tags from the synonym table, typo repair.

Clauses and questions go through the same steps so that they meet on the same terms:
lowercase words, stop words dropped, Snowball (Porter 2) stems, and a `~concept` term for
every synonym-table phrase found (matched on stems, stop words included, so "take it
home" matches). Questions additionally get spelling repair and one-way implications.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.lexicon import Lexicon
from knowledge.spelling import is_english_word

_WORD = re.compile(r"[a-z0-9]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_APOSTROPHE = re.compile(r"['\u2018\u2019]")
CONCEPT = "~"
#: Words a question may put between two content words of a synonym phrase.
PHRASE_GAP = 3
#: Words whose full stop ends an abbreviation, not a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:i\.e|e\.g|cf|viz|approx|incl|nos|cllr|cllrs|mr|mrs|ms|dr|st|rev|hon)"
    r"|\b[A-Za-z])\.$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'\u201c(A-Z0-9])")

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def words(text: str) -> list[str]:
    text = _APOSTROPHE.sub("", _POSSESSIVE.sub("", text.lower()))
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """A clause's sentences, verbatim: split after . ! ? before a capital, digit or quote,
    but not after an abbreviation ("reported to the Hosts (i.e. Facebook)")."""
    out: list[str] = []
    for part in _SENTENCE_END.split(text):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        elif part:
            out.append(part)
    return out


@dataclass(frozen=True, slots=True)
class Unit:
    """One content word of a question, with the concepts its phrase carries."""

    word: str
    stem: str
    concepts: frozenset[str] = frozenset()
    #: Concepts reached only through a one-way [[implies]] entry: weaker evidence.
    implied: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    units: tuple[Unit, ...]

    def terms(self) -> list[str]:
        """BM25 terms: each stem as often as asked, each concept once."""
        stems = [u.stem for u in self.units if u.stem]
        concepts = sorted({c for u in self.units for c in u.concepts | u.implied})
        return stems + concepts


@dataclass(slots=True)
class Analyzer:
    lexicon: Lexicon
    phrases: dict[str, list[tuple[tuple[str, ...], str, bool]]] = field(init=False)
    vocabulary: set[str] = field(default_factory=set)
    #: Stems of every known word: the policy domain's language (see `is_domain`).
    domain: set[str] = field(default_factory=set)
    #: Stop word -> the concepts whose synonym terms are that very word ("loads").
    _stop_terms: dict[str, set[str]] = field(default_factory=dict)
    _choices: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.phrases = {}
        for group in self.lexicon.groups:
            for term in group.terms:
                stems = tuple(self.stem(w) for w in words(term))
                if stems:
                    entry = (stems, CONCEPT + group.name, group.one_way)
                    self.phrases.setdefault(stems[0], []).append(entry)
        for entries in self.phrases.values():
            entries.sort(key=lambda e: -len(e[0]))  # longest phrase first
        for group in self.lexicon.groups:
            for term in group.terms:
                if term in self.lexicon.stop_words:
                    self._stop_terms.setdefault(term, set()).add(CONCEPT + group.name)
        self.learn(w for g in self.lexicon.groups for t in g.terms for w in words(t))
        self.learn(self.lexicon.stop_words)

    def learn(self, vocabulary: Iterable[str]) -> None:
        """Add words typo repair may correct towards (the corpus, synonyms, stop words)."""
        self.vocabulary.update(vocabulary)
        self._choices = sorted(self.vocabulary)
        self.domain = {self.stem(w) for w in self.vocabulary}

    def is_domain(self, unit: Unit) -> bool:
        """Does any loaded policy or the synonym table know this word?

        A question word no policy uses is either the topic of an out-of-scope question
        ("pension") or a detail of the asker's situation ("skate park", "hubby");
        either way it is weaker evidence than a policy word the asker's council lacks.
        """
        return bool(unit.concepts or unit.implied) or unit.stem in self.domain

    def stem(self, word: str) -> str:
        """The Snowball stem of a word's base form: "sent" and "sending" both give "send"."""
        return stem(self.lexicon.forms.get(word, word))

    def is_stop(self, word: str) -> bool:
        return word in self.lexicon.stop_words

    def concepts(self, stems: list[str], *, query: bool) -> list[tuple[int, int, str, bool]]:
        """(start, end, concept, one_way) for every synonym phrase found in a stem sequence."""
        found: list[tuple[int, int, str, bool]] = []
        for i, first in enumerate(stems):
            for phrase, concept, one_way in self.phrases.get(first, ()):
                if one_way and not query:
                    continue
                if tuple(stems[i : i + len(phrase)]) == phrase:
                    found.append((i, i + len(phrase), concept, one_way))
        return found

    def gapped(self, ws: list[str], stems: list[str]) -> list[tuple[tuple[int, ...], str, bool]]:
        """Synonym phrases a question splits with a few words: "take the laptop home".

        Only between two content words: "put the photo on" must not become "put on"
        (install), so a stop word in the phrase still has to sit right after its neighbour.
        """
        found: list[tuple[tuple[int, ...], str, bool]] = []
        for i, first in enumerate(stems):
            for phrase, concept, one_way in self.phrases.get(first, ()):
                at = self._gapped_at(ws, stems, i, phrase)
                if at is not None:
                    found.append((at, concept, one_way))
        return found

    def _gapped_at(
        self, ws: list[str], stems: list[str], start: int, phrase: tuple[str, ...]
    ) -> tuple[int, ...] | None:
        at = [start]
        for part in phrase[1:]:
            prev = at[-1]
            limit = prev + 1
            if not self.is_stop(ws[prev]) and part not in self.lexicon.stop_words:
                limit = prev + 1 + PHRASE_GAP
            nxt = next(
                (j for j in range(prev + 1, min(limit, len(stems) - 1) + 1) if stems[j] == part),
                None,
            )
            if nxt is None:
                return None
            at.append(nxt)
        return tuple(at)

    def terms(self, text: str) -> list[str]:
        """Index terms of a clause: content stems plus concept tags."""
        ws = words(text)
        stems = [self.stem(w) for w in ws]
        out = [s for w, s in zip(ws, stems, strict=True) if not self.is_stop(w)]
        out += sorted({c for _, _, c, _ in self.concepts(stems, query=False)})
        return out

    def positions(self, text: str) -> dict[str, list[int]]:
        """Where each index term of a text occurs, in words from its start (stop words count).

        A concept sits at every word of the phrase that carries it.
        """
        ws = words(text)
        stems = [self.stem(w) for w in ws]
        out: dict[str, set[int]] = {}
        for i, (w, s) in enumerate(zip(ws, stems, strict=True)):
            if not self.is_stop(w):
                out.setdefault(s, set()).add(i)
        for start, end, concept, _ in self.concepts(stems, query=False):
            out.setdefault(concept, set()).update(range(start, end))
        return {term: sorted(at) for term, at in out.items()}

    def repair(self, word: str) -> str:
        """A likely typo ("recieve", "facebok") becomes the nearest known word."""
        if word in self.vocabulary or len(word) < 4 or word.isdigit() or is_english_word(word):
            return word
        limit = 1 if len(word) < 7 else 2
        best = process.extractOne(word, self._choices, scorer=OSA.distance, score_cutoff=limit)
        return str(best[0]) if best else word

    def query(self, text: str) -> Query:
        """Analyse a question: repaired words, their stems and the concepts they carry."""
        ws = [self.repair(w) for w in words(text)]
        stems = [self.stem(w) for w in ws]
        same: list[set[str]] = [set() for _ in ws]
        implied: list[set[str]] = [set() for _ in ws]
        orphans: dict[tuple[str, str], Unit] = {}
        for at, concept, one_way in self.gapped(ws, stems):
            content = [i for i in at if not self.is_stop(ws[i])]
            for i in content:
                (implied if one_way else same)[i].add(concept)
            phrase = " ".join(ws[i] for i in at)
            if not content and self._stop_phrase_means(phrase, concept):
                orphans[phrase, concept] = Unit(phrase, "", frozenset({concept}))
        units = [
            Unit(w, s, frozenset(c), frozenset(i - c))
            for w, s, c, i in zip(ws, stems, same, implied, strict=True)
            if not self.is_stop(w)
        ]
        return Query(text, tuple(units + list(orphans.values())))

    def _stop_phrase_means(self, phrase: str, concept: str) -> bool:
        """A lone stop word carries a concept only when the table lists that very word:
        "loads" (lots) is in the table, but must not become "load" (install) by its stem.
        """
        return " " in phrase or concept in self._stop_terms.get(phrase, set())
