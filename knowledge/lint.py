"""What a policy file's layout says went wrong in a conversion, for `index --check`:
a list item continued on the next line, a lone header or footer line left as a clause, a
heading with nothing under it, a clause so long it is probably two run together."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from knowledge.models import PolicyDocument
from knowledge.parse import blocks

#: A clause longer than this is probably two run together (a lost number or bullet).
LONG_CLAUSE = 1500
_ITEM = re.compile(r"^ *- ")
_HEADING = re.compile(r"^#{1,4}\s")


@dataclass(frozen=True, slots=True)
class Lint:
    message: str
    line: int | None = None


def lint(doc: PolicyDocument, body: str, first_line: int) -> list[Lint]:
    return [
        *continued_items(body, first_line),
        *(empty_headings(body, first_line) if doc.clauses else []),
        *lone_lines(doc),
        *long_clauses(doc),
    ]


def continued_items(body: str, first_line: int) -> list[Lint]:
    lines = body.splitlines()
    out = []
    for n, (line, after) in enumerate(pairwise(lines)):
        plain = after.strip() and not _ITEM.match(after) and not _HEADING.match(after)
        if _ITEM.match(line) and plain:
            out.append(
                Lint(
                    f"list item continued on the next line ({after.strip()[:40]!r}): an item "
                    "is one line, or that line is read as a clause of its own",
                    first_line + n + 1,
                )
            )
    return out


def empty_headings(body: str, first_line: int) -> list[Lint]:
    """Headings with no clause under them, before a heading of the same or a higher level
    (or the end): a stray title or page header taken for a heading."""
    parts = blocks(body, first_line)
    out = []
    for index, block in enumerate(parts):
        if block.kind != "heading":
            continue
        after = next(
            (b for b in parts[index + 1 :] if b.kind != "heading" or b.level <= block.level), None
        )
        if after is None or after.kind == "heading":
            out.append(Lint(f"heading {block.text[:50]!r} has no clauses under it", block.line))
    return out


def lone_lines(doc: PolicyDocument) -> list[Lint]:
    """A line that is just the council's name or the policy's title, left in as if the
    policy said it: a running header or footer."""
    names = {doc.info.council_name.casefold(), doc.info.title.casefold()}
    out = []
    for clause in doc.clauses:
        text = " ".join(clause.text.split()).strip(" .").casefold()
        if len(text.split()) <= 10 and text in names:  # page numbers: check.furniture
            out.append(Lint(f"{clause.id}: looks like a lone header or footer line: {text!r}"))
    return out


def long_clauses(doc: PolicyDocument) -> list[Lint]:
    return [
        Lint(f"{c.id}: {len(c.text)} characters, probably two clauses run together")
        for c in doc.clauses
        if len(c.text) > LONG_CLAUSE
    ]
