"""Reading a council's document into lines, whatever it was published as.

Each format is read by a well-kept library (pypdf, python-docx, Beautiful Soup); what the
format says about structure (a Word heading style, an HTML list) travels with each line
as a hint, so the shaping that follows is the same for every format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: Leading spaces per nesting level in the lines a reader makes for hinted list items.
INDENT = "  "


class UnusableDocumentError(Exception):
    """The file can't become a policy: the message says why, for the Clerk."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the document as published. `heading` (1-6) and `item` (nesting depth)
    are what the format itself said; 0 and -1 when it said nothing (plain text, PDF)."""

    text: str
    page: int = 0
    heading: int = 0
    item: int = -1


def read(path: Path) -> list[Line]:
    """The document's lines; raises UnusableDocumentError with a plain reason."""
    if not path.is_file():
        raise UnusableDocumentError(f"{path}: no such file")
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        known = ", ".join(sorted(_READERS))
        raise UnusableDocumentError(
            f"{path.name}: can't read {suffix or 'files without an extension'} ({known})"
        )
    lines = reader(path)
    if not any(line.text.strip() for line in lines):
        raise UnusableDocumentError(_EMPTY.get(suffix, f"{path.name}: the file holds no text"))
    return lines


def _text(path: Path) -> list[Line]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Word's "Save as text" on Windows
    if "\x00" in text:
        raise UnusableDocumentError(f"{path.name}: this is not a text file")
    lines: list[Line] = []
    for each in text.splitlines():
        lines.append(_markdown(each))
        if each.endswith("  ") and each.strip():
            lines.append(Line(""))  # markdown's hard line break: what follows starts afresh
    return lines


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def _markdown(line: str) -> Line:
    if heading := _MD_HEADING.match(line.strip()):
        return Line(heading.group(2), heading=len(heading.group(1)))
    return Line(line.rstrip())


def _pdf(path: Path) -> list[Line]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnusableDocumentError(f"{path.name}: the PDF is password-protected")
        # Layout mode keeps the page's vertical gaps as blank lines (paragraph breaks) and
        # its indentation (list nesting), which plain extraction flattens away.
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as err:
        raise UnusableDocumentError(f"{path.name}: not a readable PDF ({err})") from err
    return [
        Line(text.rstrip(), page=n) for n, page in enumerate(pages, 1) for text in page.splitlines()
    ]


def _docx(path: Path) -> list[Line]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(path))
    except (PackageNotFoundError, ValueError, KeyError) as err:
        raise UnusableDocumentError(f"{path.name}: not a readable Word (.docx) file") from err
    lines: list[Line] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):  # a table: rows as tab-separated lines (dates, amendments)
            for row in block.rows:
                lines.append(Line("\t".join(c.text.strip() for c in row.cells)))
            lines.append(Line(""))
            continue
        lines += _paragraph(block)
    return lines


def _paragraph(paragraph: object) -> list[Line]:
    from docx.text.paragraph import Paragraph

    assert isinstance(paragraph, Paragraph)
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    text = paragraph.text.replace("\v", "\n")
    level = _style_level(style)
    # python-docx has no public numbering API: Word's list level is in the paragraph's XML.
    numbering = getattr(paragraph._p.pPr, "numPr", None)
    if level:
        return [Line(text.strip(), heading=level), Line("")]
    if numbering is not None or style.lower().startswith("list"):
        depth = int(getattr(getattr(numbering, "ilvl", None), "val", 0) or 0)
        if style_level := re.search(r"\s(\d)$", style):  # "List Bullet 2": one level down
            depth = max(depth, int(style_level.group(1)) - 1)
        return [Line(INDENT * depth + text.strip(), item=depth)]
    return [Line(part) for part in text.split("\n")] + [Line("")]


def _style_level(style: str) -> int:
    if style == "Title":
        return 1
    match = re.match(r"Heading (\d)", style)
    return int(match.group(1)) if match else 0


_DROP = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template")
_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "dt", "dd", "blockquote", "pre")


def _html(path: Path) -> list[Line]:
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    lines: list[Line] = []
    for tag in root.find_all(_BLOCKS):
        if not isinstance(tag, Tag) or (
            tag.find_parent(_BLOCKS[6:]) is not None and tag.name != "li"
        ):
            continue  # its text is read with the block that holds it
        lines += _html_block(tag)
    return lines


def _html_block(tag: object) -> list[Line]:
    from bs4 import Tag

    assert isinstance(tag, Tag)
    if tag.name == "li":
        own = [c for c in tag.children if not (isinstance(c, Tag) and c.name in ("ul", "ol"))]
        text = " ".join(
            " ".join(c.get_text(" ") if isinstance(c, Tag) else str(c) for c in own).split()
        )
        depth = len(tag.find_parents(("ul", "ol"))) - 1
        marker = ""
        parent = tag.parent
        if isinstance(parent, Tag) and parent.name == "ol":
            marker = f"{list(parent.find_all('li', recursive=False)).index(tag) + 1}. "
        return [Line(INDENT * depth + marker + text, item=depth)] if text else []
    if tag.name == "tr":
        cells = [" ".join(c.get_text(" ").split()) for c in tag.find_all(("td", "th"))]
        return [Line("\t".join(cells))]
    text = " ".join(tag.get_text(" ").split())
    if not text:
        return []
    level = int(tag.name[1]) if tag.name[0] == "h" and tag.name[1:].isdigit() else 0
    return [Line(text, heading=level), Line("")]


_READERS = {
    ".txt": _text,
    ".text": _text,
    ".md": _text,
    ".markdown": _text,
    ".pdf": _pdf,
    ".docx": _docx,
    ".html": _html,
    ".htm": _html,
}

_EMPTY = {
    ".pdf": "the PDF has no text layer (a scan?): run it through OCR, or ask for the Word file",
}
