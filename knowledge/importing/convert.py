"""One council's document(s) in, a policy file (FORMAT.md) and what was done out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from knowledge.importing import front
from knowledge.importing.furniture import Removed, clean
from knowledge.importing.read import Line, read
from knowledge.importing.shape import Block, Shaped, shape

#: A document whose clauses mostly carry numbers such as 3.7 is cited by them.
_NUMBERED_SHARE = 0.3
_SECTION_HEADING = re.compile(r"^\d{1,2}[.)]?\s+\S")
_TITLE_WORDS = re.compile(
    r"\b(?:polic(?:y|ies)|council|adopted|review|reviewed|updated|version|date|approved)\b", re.I
)


@dataclass(slots=True)
class Imported:
    """The policy file's text, and what the conversion found, removed and joined."""

    markdown: str
    council: str
    name: str
    title: str
    numbered: bool
    dates: front.Dates
    removed: Removed
    rejoined: int
    rejoined_examples: list[str]
    sources: list[str]
    warnings: list[str] = field(default_factory=list)


def convert(paths: list[Path], council: str, name: str | None = None) -> Imported:
    """Raises read.UnusableDocumentError when a file can't be read or holds no text."""
    lines: list[Line] = []
    for path in paths:
        lines += [*read(path), Line("")]
    kept, removed = clean(lines)
    shaped = shape(kept)
    preamble, body = _title_block(shaped.blocks)
    opening = [b.text for b in preamble] + removed.running
    texts = opening + [b.text for b in body[:40]]
    found_name = name or front.council_name(texts)
    warnings = []
    if found_name is None:
        found_name = " ".join(w.capitalize() for w in council.split("-")) + " Council"
        warnings.append(f'no council name found: using "{found_name}" (pass --name)')
    title = front.title(opening, found_name) or "Policy"
    if title == "Policy":
        warnings.append("no title found in the document's opening lines")
    body = _without_title_lines(body, found_name, removed)
    numbered = _numbered(body)
    dates = front.dates(texts, removed.tables)
    meta = {
        "council": council,
        "council_name": found_name,
        "title": title,
        "numbered": numbered,
        **{k: v.iso() for k, v in dates.found().items()},
        "source": ", ".join(p.name for p in paths),
        "notes": _notes(removed, shaped),
    }
    markdown = _front_matter(meta) + "\n" + _body(body)
    return Imported(
        markdown=markdown,
        council=council,
        name=found_name,
        title=title,
        numbered=numbered,
        dates=dates,
        removed=removed,
        rejoined=shaped.rejoined,
        rejoined_examples=shaped.rejoined_examples,
        sources=[str(p) for p in paths],
        warnings=warnings,
    )


def _without_title_lines(body: list[Block], name: str, removed: Removed) -> list[Block]:
    """A later document's title page, met as a run of headings (several files, or a web
    page holding two policies): the council's name and date lines go, its title stays."""
    out: list[Block] = []
    for index, block in enumerate(body):
        run = [
            b for b in body[max(0, index - 1) : index + 2] if b is not block and b.kind == "heading"
        ]
        following = body[index + 1] if index + 1 < len(body) else None
        restated = (
            following is not None
            and following.kind == "heading"
            and block.text.casefold().endswith(following.text.casefold())
        )  # "Barrington Parish Council GDPR Policy" then "GDPR Policy"
        if block.kind == "heading" and run and (restated or _title_line(block.text, name)):
            removed.add("title page", block.text)
            continue
        out.append(block)
    return out


def _title_line(text: str, name: str) -> bool:
    if text.casefold().strip(" .:") == name.casefold():
        return True
    dated = front.parse_date(text) is not None and len(text.split()) <= 8
    return dated and bool(
        re.search(
            r"\b(?:uploaded|published|adopted|updated|reviewed|version|approved)\b", text, re.I
        )
    )


def _numbered(body: list[Block]) -> bool:
    """Cited by number: most clauses carry one (3.7), or numbered sections hold lettered
    items ("3. Guidance" then "(t)")."""
    clauses = [b for b in body if b.kind != "heading"]
    if sum(b.kind == "clause" for b in clauses) >= max(3, _NUMBERED_SHARE * len(clauses)):
        return True
    sections = sum(b.kind == "heading" and bool(_SECTION_HEADING.match(b.text)) for b in body)
    lettered = sum(b.kind == "item" and b.number[:2].strip("(").isalpha() for b in body)
    return sections >= 3 and lettered >= 5


def _title_block(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The title page (title, council, dates) apart from the policy: everything before the
    first substantive block, except the heading (and a lead-in) directly above it."""
    for index, block in enumerate(blocks):
        if _substantive(block):
            start = index
            while start > 0 and blocks[start - 1].kind == "para" and blocks[start - 1].ended:
                start -= 1  # a lead-in ("You must not:") or a short opening sentence
            above = blocks[start - 1] if start > 0 else None
            if above is not None and above.kind == "heading" and not _titular(above):
                start -= 1
            return blocks[:start], blocks[start:]
    return [], blocks


def _substantive(block: Block) -> bool:
    if block.kind in ("clause", "item"):
        return True
    if block.kind != "para":
        return False
    # A title page's lines (a document-control table read as text) seldom end a sentence.
    words = len(block.text.split())
    if words > 30 or (words > 12 and block.ended):
        return True
    return words >= 5 and block.ended and not _TITLE_WORDS.search(block.text)


def _titular(block: Block) -> bool:
    return bool(re.search(r"\bpolic(?:y|ies)\b", block.text, re.I)) and block.level <= 1


def _front_matter(meta: dict[str, object]) -> str:
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{dumped}---\n"


def _body(blocks: list[Block]) -> str:
    out: list[str] = []
    levels = sorted({b.level for b in blocks if b.kind == "heading"})
    shift = {level: min(2 + i, 4) for i, level in enumerate(levels)}
    for block in blocks:
        if block.kind == "heading":
            out.append(f"\n{'#' * shift[block.level]} {block.text}\n")
        elif block.kind == "clause":
            out.append(f"\n{block.number} {block.text}\n")  # unnumbered: the words keep it
        elif block.kind == "item":
            marker = f"{block.number} " if block.number else ""
            out.append(f"{'  ' * block.level}- {marker}{block.text}")
        else:
            out.append(f"\n{block.text}\n")
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _notes(removed: Removed, shaped: Shaped) -> str:
    parts = [f"{kind}: {n}" for kind, n in sorted(removed.counts.items())]
    if shaped.rejoined:
        parts.append(f"lines rejoined: {shaped.rejoined}")
    return "Imported by clerkbot import. Removed as furniture: " + (
        "; ".join(parts) if parts else "nothing"
    )
