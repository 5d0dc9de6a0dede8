"""From clean lines to the blocks of a policy file: headings, numbered clauses, paragraphs
and list items, with lines that a page break or a hard wrap split joined back together.

Published policies mark structure in a few ways only (numbers such as 3.7, bullets, short
unpunctuated heading lines), so these rules are about the kind of document, not any one.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from knowledge.importing.read import Line

#: Bullet glyphs, including what PDF fonts turn them into (Symbol's private-use \uf0b7,
#: a DEL where the font lacks the glyph).
_BULLET = re.compile(
    r"^(?:[•●▪■◦○➤►▶▸‣\u2043∙·*>\u2013\u2014\x7f\uf0b7\uf0a7\uf076\uf0d8-]|o(?=\s))\s*(.*)$"
)
_CLAUSE = re.compile(r"^(\d{1,2}(?:\.\d{1,3})+)\.?\s+(\S.*)$")
_SECTION = re.compile(r"^(\d{1,2})[.)]?\s+(\S.*)$")
_MARKED = re.compile(
    r"^(?:\(([a-z]|[ivx]{1,5}|\d{1,2})\)|([a-z]|[ivx]{1,5}|\d{1,2})[.)])\s+(\S.*)$"
)
_APPENDIX = re.compile(r"^(?:appendix|annex|schedule|part)\s+(?:\d+|[a-z]|[ivx]+)\b", re.I)
#: How a sentence, a lead-in or a quotation can end: a block ending otherwise goes on.
_ENDED = tuple(".!?:;)]\"'\u201d\u2019")


@dataclass(slots=True)
class Block:
    kind: str  # "heading" | "clause" | "para" | "item"
    text: str
    level: int = 0  # heading level, or list depth
    number: str = ""  # a clause's number (3.7) or an item's marker ("(a)", "1.")
    indent: int = 0

    @property
    def ended(self) -> bool:
        return self.text.rstrip().endswith(_ENDED)


@dataclass(slots=True)
class Shaped:
    blocks: list[Block] = field(default_factory=list)
    #: Lines joined to the block before them across a blank line or removed furniture.
    rejoined: int = 0
    rejoined_examples: list[str] = field(default_factory=list)


def shape(lines: list[Line]) -> Shaped:
    out = Shaped()
    current: Block | None = None
    gap = True  # a blank line (or furniture) since the last text
    hinted = any(line.heading for line in lines)
    texts = [line.text.strip() for line in lines]
    # Text pasted from Word has a line per paragraph and no blank lines: a finished
    # sentence at a line's end ends its block. Wrapped text (a PDF's) runs on instead.
    per_line = not _wrapped(texts)
    for index, line in enumerate(lines):
        text = texts[index]
        if not text:
            gap = True
            continue
        ended = index > 0 and texts[index - 1].endswith(_ENDED) and not text[:1].islower()
        cut = gap or (index > 0 and _ends_line(texts, index - 1)) or (per_line and ended)
        following = _next_text(lines, index)
        if _runs_on(texts, index):
            following = following or " "  # a full line wrapping on: not a heading
            following = "a" + following  # read as the lower-case run-on it is
        block = _start(line, text, current, cut, hinted, following)
        if block is None:
            assert current is not None
            if gap:
                out.rejoined += 1
                if len(out.rejoined_examples) < 3:
                    out.rejoined_examples.append(f"…{current.text[-30:]} / {text[:30]}…")
            current.text = f"{current.text} {text}"
        else:
            out.blocks.append(block)
            current = block
        gap = False
    _nest(out.blocks)
    return out


def _wrapped(texts: list[str]) -> bool:
    """Whether the text was wrapped line by line: a fair share of its lines run on, in
    lower case or mid-sentence, into the next."""
    pairs = [(a, b) for a, b in itertools.pairwise(texts) if a and b]
    running = sum(
        1 for a, b in pairs if (b[:1].islower() and not _BULLET.match(b)) or not a.endswith(_ENDED)
    )
    return bool(pairs) and running >= 0.25 * len(pairs)


def _ends_line(texts: list[str], index: int) -> bool:
    """In text wrapped line by line (a PDF's), whether line `index` ends its block though
    no blank line follows: a lead-in's colon, or a line stopping well short of its
    neighbours (a paragraph's last line, a heading, a list entry) before a capital."""
    line, following = texts[index], texts[index + 1]
    if not line or not following or following[:1].islower():
        return False
    if line.count('"') % 2 or line.count("\u201c") > line.count("\u201d"):
        return False  # inside a quotation, which runs on
    if line.endswith(":"):
        return True
    nearby = max(len(t) for t in texts[max(0, index - 3) : index + 4])
    return len(line) < 0.6 * nearby and (not line.endswith(_ENDED) or line.endswith("."))


def _runs_on(texts: list[str], index: int) -> bool:
    """A line as long as its neighbours with more text straight after it: wrapped, so
    the middle of a paragraph or list entry, however it begins."""
    if index + 1 >= len(texts) or not texts[index + 1] or not texts[index]:
        return False
    nearby = max(len(t) for t in texts[max(0, index - 3) : index + 4])
    return len(texts[index]) >= 0.8 * nearby and not texts[index].endswith(_ENDED)


def _start(
    line: Line, text: str, current: Block | None, gap: bool, hinted: bool, following: str
) -> Block | None:
    """The block this line starts, or None when it goes on the current block."""
    indent = len(line.text) - len(line.text.lstrip(" \t"))
    if line.heading:
        return Block("heading", text, line.heading)
    bullet = _BULLET.match(text) if line.item < 0 else None
    rest = bullet.group(1).strip() if bullet else text
    while bullet and (again := _BULLET.match(rest)) and rest[:1] in "•●▪■➤►>-\x7f\uf0b7":
        rest = again.group(1).strip()  # "- • text"
    if clause := _CLAUSE.match(rest):
        return Block("clause", clause.group(2), number=clause.group(1))
    if bullet and _opens_section(rest, following):
        return Block("heading", rest, 2)  # "- 4. Rules for using social media." then 4.1
    if bullet or line.item >= 0:
        number, body = _marker(rest)
        return Block("item", body, max(line.item, 0), number, indent) if body else None
    after_end = gap or current is None or current.ended or current.kind == "item"
    # "1. …" then "2. …" is a list, not two sections.
    listed = _next_in_list(text, following) or (
        current is not None
        and current.kind == "item"
        and bool(current.number)
        and _follows(_marker(text)[0] or "0", current.number)
    )
    if (
        _SECTION.match(text)
        and after_end
        and not listed
        and _heading_like(text, following)
        and not hinted
    ):
        return Block("heading", text, 2)
    if (marked := _marker(text))[0] and after_end:
        return Block("item", marked[1], 0, marked[0], indent)
    if current is not None and current.kind != "heading" and _goes_on(current, text, gap):
        return None
    if not hinted and (gap or current is None or current.ended) and _heading_like(text, following):
        return Block("heading", text, 2)
    return Block("para", text)


def _goes_on(current: Block, text: str, gap: bool) -> bool:
    if not gap:
        # A wrapped line goes on its block; but after a finished list entry, a capital
        # starts the paragraph after the list (the entries rarely run to two sentences).
        if current.kind == "item" and current.ended and text[:1].isupper():
            return False
        return current.kind in ("para", "clause", "item")
    # Across a blank line or a page's furniture: only a sentence cut mid-way goes on.
    return not current.ended and text[:1].islower()


def _next_in_list(text: str, following: str) -> bool:
    this, after = _marker(text)[0], _marker(following.lstrip("a"))[0]
    return bool(this and after) and _follows(after, this)


def _opens_section(text: str, following: str) -> bool:
    section = _SECTION.match(text)
    first = _CLAUSE.match(_BULLET.sub(r"\1", following))
    return bool(section and first and first.group(1).split(".")[0] == section.group(1))


def _heading_like(text: str, following: str) -> bool:
    words = text.split()
    numbered = bool(_SECTION.match(text) or _APPENDIX.match(text))
    if not 1 <= len(words) <= (16 if numbered else 12) or len(text) > 120:
        return False
    if text.endswith((",", ";", ":")) or not (text[0].isupper() or text[0].isdigit()):
        return False
    if following[:1].islower():
        return False  # a sentence cut by a line break, not a heading
    if text.endswith("."):
        # "4. Rules for using social media." is a numbered heading; "Stay on topic." is not.
        return numbered or text.isupper()
    return not text.endswith("!")  # "Who does it apply to?" heads a section


def _marker(text: str) -> tuple[str, str]:
    """An item's own marker, in a form the policy format keeps ("(a)", "a.", "1.")."""
    found = _MARKED.match(text)
    if found is None:
        return "", text
    bracketed, dotted, body = found.groups()
    if bracketed:
        return f"({bracketed})", body
    if text[len(dotted)] == ")":
        return f"({dotted})", body
    return f"{dotted}.", body


def _next_text(lines: list[Line], index: int) -> str:
    for line in lines[index + 1 : index + 6]:
        if line.text.strip():
            return line.text.strip()
    return ""


def _nest(blocks: list[Block]) -> None:
    """List depth from indentation (two spaces or more: a single space is a stray), relative
    to each list's first item, and under an item that ends as a lead-in ("…the following
    characteristics:") until the list's own numbering resumes. Never deeper than one below
    the item before (a list can't start nested)."""
    indents: list[int] = []
    previous, lead = -1, None
    for block in blocks:
        if block.kind != "item":
            indents, previous, lead = [], -1, None
            continue
        if block.level == 0:
            while indents and block.indent < indents[-1] - 1:
                indents.pop()
            if not indents or block.indent >= indents[-1] + 2:
                indents.append(block.indent)
            block.level = len(indents) - 1
        if lead is not None:
            if block.number and _follows(block.number, lead.number):
                lead = None
            else:
                block.level = max(block.level, lead.level + 1)
        block.level = min(block.level, previous + 1)
        previous = block.level
        if block.text.endswith(":") and lead is None:
            lead = block


def _follows(marker: str, lead: str) -> bool:
    """Whether `marker` is the one after `lead` in its list: 7 after 6, (y) after (x)."""
    this, before = marker.strip("()."), lead.strip("().")
    if this.isdigit() and before.isdigit():
        return int(this) == int(before) + 1
    return len(this) == len(before) == 1 and ord(this) == ord(before) + 1
