"""Layout furniture: what a printed or published page adds that is not the policy's wording.

Page headers and footers (short lines repeated page after page), page numbers, contents
pages, tables (dates, amendment records), emphasis markers. Each removal is counted for the
report; the wording itself is never changed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from knowledge.importing.read import Line

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?|-?\s*\d{1,3}\s*-?|\d{1,3}\s*(?:of|/)\s*\d{1,3})$",
    re.IGNORECASE,
)
_CONTENTS_ENTRY = re.compile(r"^\S.{2,90}?(?:\s*\.{3,}\s*|\t+|\s{3,})\d{1,3}$")
_CONTENTS_TITLE = re.compile(r"^(?:table of )?contents:?$|^index$", re.IGNORECASE)
_AMENDMENTS = re.compile(
    r"^(?:amendment|revision|version|document) (?:record|history|control|log)s?:?$", re.IGNORECASE
)
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_END = re.compile(
    r"^[-\u2013\u2014*\s]*(?:end|end of (?:the )?(?:policy|document))[-\u2013\u2014*.\s]*$", re.I
)
#: Markdown's link syntax, left by some converters: the words (or address) are the text.
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|<(https?://[^>\s]+)>")
#: A list entry's first cell when Word pastes it with a tab: a bullet or a number.
_MARKER_CELL = re.compile(
    r"^\s*(?:[\u2022\u25cf\u25aa\u25a0\u25e6o\u27a4>*\u2013-]|\(?\w{1,3}[.)])\s*$"
)
#: "Signed: ………… (Chairman)   Date: …………": a space to fill in, not policy.
_FORM_LINE = re.compile(r"(?:\u2026{3,}|\.{6,}|_{5,})(?!\s*\d+$)")
#: Short lines seen this often are a running header or footer, not the policy speaking.
_REPEATS = 3


@dataclass(slots=True)
class Removed:
    """What was taken out, by kind, with an example of each, for the report."""

    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    #: Table rows, kept for reading dates from (a "Date Adopted | Next Review" table).
    tables: list[list[str]] = field(default_factory=list)
    #: Running headers and footers as first seen: often the title and the council's name.
    running: list[str] = field(default_factory=list)

    def add(self, kind: str, text: str) -> None:
        self.counts[kind] += 1
        self.examples.setdefault(kind, text.strip()[:70])


def clean(lines: list[Line]) -> tuple[list[Line], Removed]:
    """The lines without furniture; removed lines become blank, so a sentence they split
    is seen as split (and rejoined by the shaping)."""
    removed = Removed()
    repeated = _running(lines)
    out: list[Line] = []
    in_contents = in_amendments = False
    entries: list[str] = []
    for line in lines:
        text = unemphasised(line.text, removed)
        bare = " ".join(text.split())
        kind = _furniture(bare, repeated)
        if _CONTENTS_TITLE.match(bare):
            in_contents, kind, entries = True, "contents page", []
        elif _AMENDMENTS.match(bare):
            in_amendments, kind = True, "amendment record"
        elif in_contents and bare:
            # The contents run until the document starts over at their first entry.
            entry = _entry(bare)
            in_contents = len(bare.split()) <= 14 and not (entries and entry == entries[0])
            entries.append(entry)
        if in_contents and bare:
            kind = "contents page"
        if in_amendments and bare and kind is None:
            # An amendment record runs to the end, or to the next section of the policy.
            in_amendments = not (line.heading or re.match(r"^\d+(?:\.\d+)*\.?\s+[A-Z]", bare))
            if in_amendments:
                kind = "amendment record"
        if kind is None and bare and _table_row(text):
            removed.tables.append([c.strip() for c in text.split("\t") if c.strip()])
            kind = "table row"
        if kind == "page header or footer" and bare not in removed.running:
            removed.running.append(bare)
        if kind is not None:
            removed.add(kind, bare)
            out.append(Line("", line.page))
            continue
        out.append(Line(text, line.page, line.heading, line.item))
    return out, removed


def _entry(bare: str) -> str:
    """A contents line or heading reduced to its words: "- 1. Introduction 3" → "introduction"."""
    words = re.sub(r"^[^\w]*(?:\d+(?:\.\d+)*[.)]?\s+)?|(?:\s*\.{2,})?\s*\d+\.?$", "", bare)
    return " ".join(words.casefold().split())


def unemphasised(text: str, removed: Removed | None = None) -> str:
    unlinked = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    plain = _EMPHASIS.sub("", unlinked)
    if removed is not None and unlinked != text:
        removed.add("link markup", text)
    if removed is not None and plain != unlinked:
        removed.add("emphasis markers", text)
    return plain


def _furniture(bare: str, repeated: set[str]) -> str | None:
    if not bare:
        return None
    if _PAGE_NUMBER.match(bare):
        return "page number"
    if bare.casefold() in repeated:
        return "page header or footer"
    if _CONTENTS_ENTRY.match(bare) and not re.match(r"^\d+\.\d+\s", bare):
        return "contents page"
    if set(bare) <= set("-\u2013\u2014_=|\t .·"):
        return "rule or table border"
    if _END.match(bare):
        return "end marker"
    if _FORM_LINE.search(bare):
        return "signature or form line"
    return None


def _table_row(text: str) -> bool:
    cells = [c for c in text.split("\t") if c.strip()]
    if cells and _MARKER_CELL.match(cells[0]):
        return False  # "•<tab>text" or "1.<tab>text": a list entry pasted from Word
    return len(cells) >= 2 or text.strip("-\t ") == ""


def _running(lines: list[Line]) -> set[str]:
    """Short lines that recur as page headers and footers do (not clause text)."""
    counts = Counter(
        " ".join(unemphasised(line.text).split()).casefold()
        for line in lines
        if line.heading == 0 and line.item < 0 and 0 < len(line.text.split()) <= 12
    )
    return {
        text
        for text, n in counts.items()
        if n >= _REPEATS and not re.match(r"^(?:[-•*]|\d+(?:\.\d+)+\s)", text)
    }
