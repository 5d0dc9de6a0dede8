"""The curated word data in knowledge/data/: stop words and the synonym table."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources


@dataclass(frozen=True, slots=True)
class Group:
    """A concept and the words or phrases that express it."""

    name: str
    terms: tuple[str, ...]
    one_way: bool = False  # [[implies]]: applies to questions only


@dataclass(frozen=True, slots=True)
class Lexicon:
    stop_words: frozenset[str]
    groups: tuple[Group, ...]
    #: Irregular form -> base form ("sent" -> "send"), applied before stemming.
    forms: Mapping[str, str] = field(default_factory=dict)


def _data(name: str) -> str:
    return resources.files("knowledge").joinpath("data", name).read_text(encoding="utf-8")


def parse_stop_words(text: str) -> frozenset[str]:
    words: set[str] = set()
    for line in text.splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)


def parse_synonyms(text: str) -> tuple[Group, ...]:
    table = tomllib.loads(text)
    groups = [Group(g["name"], tuple(g["terms"])) for g in table.get("same", [])]
    groups += [Group(g["name"], tuple(g["terms"]), one_way=True) for g in table.get("implies", [])]
    return tuple(groups)


def parse_forms(text: str) -> dict[str, str]:
    """`base: form form ...` lines to {form: base}."""
    forms: dict[str, str] = {}
    for line in text.splitlines():
        base, _, rest = line.split("#", 1)[0].partition(":")
        for form in rest.split():
            forms[form] = base.strip()
    return forms


def load_lexicon() -> Lexicon:
    return Lexicon(
        parse_stop_words(_data("stopwords.txt")),
        parse_synonyms(_data("synonyms.toml")),
        parse_forms(_data("irregular.txt")),
    )
