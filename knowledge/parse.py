"""Parse a policy file (knowledge/policies/FORMAT.md) into clauses with ids and labels."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from knowledge import frontmatter
from knowledge.models import Clause, DocumentInfo, PolicyDocument

_HEADING = re.compile(r"^(#{1,4})\s+(.*\S)\s*$")
_ITEM = re.compile(r"^( *)- (.*\S)\s*$")
_CLAUSE_NUMBER = re.compile(r"^(\d+(?:\.\d+)+)\s+(.*)$")
_SECTION_NUMBER = re.compile(r"^(\d+)\.?\s+(.*)$")
# "(a)" / "(iv)" / "(12)", or "a." / "iv." / "12."; not "Cllr." or "Mr." (an abbreviation).
_MARKER = re.compile(r"^(?:\(([a-z]|[ivx]{1,4}|\d{1,2})\)|([a-z]|[ivx]{2,4}|\d{1,2})\.)\s+(.*)$")
_LEAD_IN_END = (":", ";")


@dataclass(slots=True)
class _Block:
    kind: str  # "heading" | "para" | "item"
    text: str
    line: int
    level: int = 0  # heading level, or list nesting depth


def blocks(body: str, first_line: int = 1) -> list[_Block]:
    """Split the body into headings, paragraphs (lines joined) and list items."""
    out: list[_Block] = []
    para: list[str] = []
    para_line = 0

    def flush() -> None:
        if para:
            out.append(_Block("para", " ".join(para), para_line))
            para.clear()

    for number, raw in enumerate(body.splitlines(), start=first_line):
        line = raw.rstrip()
        if not line.strip():
            flush()
        elif heading := _HEADING.match(line):
            flush()
            out.append(_Block("heading", heading.group(2), number, len(heading.group(1))))
        elif item := _ITEM.match(line):
            flush()
            out.append(_Block("item", item.group(2), number, len(item.group(1)) // 2))
        else:
            if not para:
                para_line = number
            para.append(line.strip())
    flush()
    return out


def slugify(text: str) -> str:
    text = re.sub("['\u2019]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "section"


def readable(heading: str) -> str:
    """Shouted headings ("ABOUT THIS POLICY") read better in title case in a label."""
    return " ".join(w.capitalize() for w in heading.split()) if heading.isupper() else heading


@dataclass(slots=True)
class _Anchor:
    """What ids and labels hang off: a clause or section number, or a heading."""

    id: str
    label: str
    numeric: bool
    points: int = 0

    def point(self) -> tuple[str, str]:
        self.points += 1
        return f"{self.id}/{self.points}", f"{self.label}, point {self.points}"


@dataclass(slots=True)
class _Item:
    depth: int
    id: str
    label: str
    text: str
    points: int = 0


@dataclass
class _Parser:
    info: DocumentInfo
    doc: PolicyDocument = field(init=False)
    headings: list[tuple[int, str]] = field(default_factory=list)
    heading_ids: dict[str, int] = field(default_factory=dict)
    anchor: _Anchor | None = None
    anchor_level: int = 99
    lead_in: str | None = None
    qualifier: _Anchor | None = None
    items: list[_Item] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.doc = PolicyDocument(self.info)

    # -- building clauses --------------------------------------------------------------
    def add(self, cid: str, label: str, text: str, context: tuple[str, ...], line: int) -> None:
        clause = Clause(
            id=f"{self.info.council}/{cid}",
            label=label,
            doc=self.info,
            heading_path=tuple(text for _, text in self.headings),
            text=text,
            context=context,
            order=len(self.doc.clauses),
        )
        self.doc.clauses.append(clause)
        for marker in ("**", "<", "|"):
            if marker in text:
                self.doc.problems.append((line, f"{clause.id}: stray {marker!r} in text"))

    def current_anchor(self) -> _Anchor:
        if self.anchor is None:
            heading = self.headings[-1][1] if self.headings else "Preamble"
            self.anchor = self.heading_anchor(heading)
        return self.anchor

    def heading_anchor(self, heading: str) -> _Anchor:
        name = heading
        if number := _SECTION_NUMBER.match(heading):
            name = number.group(2)
        slug = unique = slugify(name)
        while unique in self.heading_ids:  # a repeated heading, or one ending in "-2"
            self.heading_ids[slug] += 1
            unique = f"{slug}-{self.heading_ids[slug]}"
        self.heading_ids.setdefault(slug, 1)
        self.heading_ids[unique] = 1
        return _Anchor(unique, readable(name), numeric=False)

    # -- blocks --------------------------------------------------------------------------
    def heading(self, block: _Block) -> None:
        while self.headings and self.headings[-1][0] >= block.level:
            self.headings.pop()
        self.headings.append((block.level, block.text))
        self.items.clear()
        self.lead_in = self.qualifier = None
        number = _SECTION_NUMBER.match(block.text) if self.info.numbered else None
        if number:
            self.anchor = _Anchor(number.group(1), f"§{number.group(1)}", numeric=True)
            self.anchor_level = block.level
        elif block.level <= self.anchor_level or not self.info.numbered:
            self.anchor = None  # resolved lazily, so empty part headings use no id
            self.anchor_level = block.level if self.info.numbered else 99

    def para(self, block: _Block, next_kind: str | None) -> None:
        self.items.clear()
        self.qualifier = None
        text = block.text
        leads = next_kind == "item" and text.endswith(_LEAD_IN_END)
        numbered = _CLAUSE_NUMBER.match(text) if self.info.numbered else None
        if numbered:
            number, text = numbered.groups()
            self.anchor = _Anchor(number, f"§{number}", numeric=True)
            self.add(number, f"§{number}", text, (), block.line)
        elif leads and self.info.numbered and len(text.split()) <= 3:
            # "Do:" / "Don't:" name the list rather than say anything themselves.
            anchor = self.current_anchor()
            self.qualifier = _Anchor(
                f"{anchor.id}-{slugify(text)}", f"{anchor.label} {text.rstrip(':;')}", True
            )
        else:
            cid, label = self.current_anchor().point()
            self.add(cid, label, text, (), block.line)
        self.lead_in = text if leads else None

    def item(self, block: _Block) -> None:
        while self.items and self.items[-1].depth >= block.level:
            self.items.pop()
        if block.level > 0 and not self.items:
            self.doc.problems.append((block.line, "nested list item without a parent item"))
        parent = self.items[-1] if self.items else None
        text, marker = block.text, None
        if mark := _MARKER.match(text):
            marker, text = mark.group(1) or mark.group(2), mark.group(3)
        cid, label = self.item_id(parent, marker)
        context = tuple(
            c
            for c in (self.lead_in, *(i.text for i in self.items))
            if c and c.endswith(_LEAD_IN_END)
        )
        self.add(cid, label, text, context, block.line)
        self.items.append(_Item(block.level, cid, label, text))

    def item_id(self, parent: _Item | None, marker: str | None) -> tuple[str, str]:
        if parent is not None:
            if marker:
                return f"{parent.id}({marker})", f"{parent.label}({marker})"
            parent.points += 1
            return f"{parent.id}/{parent.points}", f"{parent.label}, point {parent.points}"
        anchor = self.qualifier or self.current_anchor()
        if marker is None:
            return anchor.point()
        if not anchor.numeric:
            return f"{anchor.id}/item-{marker}", f"{anchor.label}, item {marker}"
        separator = " " if self.qualifier else ""
        return f"{anchor.id}({marker})", f"{anchor.label}{separator}({marker})"


def parse(text: str, *, path: str = "<policy>") -> PolicyDocument:
    """Parse a whole policy file. Raises frontmatter.FrontMatterError on bad front matter."""
    meta, body, first_line = frontmatter.split(text)
    parser = _Parser(meta.info())
    parts = blocks(body, first_line)
    for index, block in enumerate(parts):
        following = parts[index + 1].kind if index + 1 < len(parts) else None
        if block.kind == "heading":
            parser.heading(block)
        elif block.kind == "para":
            parser.para(block, following)
        else:
            parser.item(block)
    return parser.doc


def load(path: Path) -> PolicyDocument:
    return parse(path.read_text(encoding="utf-8"), path=str(path))


def policy_files(folder: Path) -> list[Path]:
    """The policy files in a folder: every `*.md` except the format's own documentation."""
    return sorted(p for p in folder.glob("*.md") if p.name not in {"FORMAT.md", "README.md"})
