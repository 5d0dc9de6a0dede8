"""Published-looking documents built at test time from a policy's text: a PDF with running
headers, footers and page numbers (reportlab), a Word file with heading and list styles
(python-docx), a web page with site furniture. Each line of the text is a paragraph, as
the raw extracts in ../shared/policies are laid out."""

from __future__ import annotations

import html
import re
from pathlib import Path

from docx import Document
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^(\s*)(?:[-•➤>]\s+)+(.*)$")


def _paragraphs(text: str) -> list[tuple[str, int, str]]:
    """(kind, level, text): kind "heading", "item" or "para"; emphasis markers dropped."""
    out = []
    for line in text.splitlines():
        line = line.replace("**", "").rstrip()
        if not line.strip():
            continue
        if heading := _HEADING.match(line.strip()):
            out.append(("heading", len(heading.group(1)), heading.group(2)))
        elif bullet := _BULLET.match(line):
            out.append(("item", len(bullet.group(1)) // 2, bullet.group(2)))
        else:
            out.append(("para", 0, line.strip()))
    return out


def pdf(text: str, path: Path, header: str) -> Path:
    styles = getSampleStyleSheet()

    def furniture(canvas: object, doc: object) -> None:
        canvas.setFont("Helvetica", 8)  # type: ignore[attr-defined]
        canvas.drawString(72, A4[1] - 40, header)  # type: ignore[attr-defined]
        page = canvas.getPageNumber()  # type: ignore[attr-defined]
        canvas.drawString(A4[0] / 2, 30, f"Page {page}")  # type: ignore[attr-defined]

    story = []
    for kind, level, words in _paragraphs(text):
        style = styles["Heading2"] if kind == "heading" else styles["BodyText"]
        shown = f"• {words}" if kind == "item" else words
        indent = 18 * (level + 1) if kind == "item" else 0
        paragraph = Paragraph(html.escape(shown), style)
        paragraph.style = paragraph.style.clone("x", leftIndent=indent)
        story += [paragraph, Spacer(1, 6)]
    SimpleDocTemplate(str(path), pagesize=A4).build(
        story, onFirstPage=furniture, onLaterPages=furniture
    )
    return path


def docx(text: str, path: Path) -> Path:
    document = Document()
    for kind, level, words in _paragraphs(text):
        if kind == "heading":
            document.add_heading(words, level=min(level, 4))
        elif kind == "item":
            document.add_paragraph(words, style="List Bullet 2" if level else "List Bullet")
        else:
            document.add_paragraph(words)
    document.save(str(path))
    return path


def web_page(text: str, path: Path, council: str) -> Path:
    body: list[str] = []
    in_list = False
    for kind, level, words in _paragraphs(text):
        if kind == "item" and not in_list:
            body.append("<ul>")
        if kind != "item" and in_list:
            body.append("</ul>")
        in_list = kind == "item"
        tag = f"h{min(level + 1, 6)}" if kind == "heading" else "li" if kind == "item" else "p"
        body.append(f"<{tag}>{html.escape(words)}</{tag}>")
    if in_list:
        body.append("</ul>")
    page = f"""<!doctype html><html><head><title>{council}</title>
<style>body {{ font-family: sans-serif }}</style><script>var cookies = 1;</script></head>
<body><header><a href="/">{council}</a> · Home · Meetings · Policies</header>
<nav><ul><li>Home</li><li>Councillors</li><li>Contact us</li></ul></nav>
<main>{"".join(body)}</main>
<footer><p>© {council} 2026 · Cookie settings · Accessibility statement</p></footer>
</body></html>"""
    path.write_text(page, encoding="utf-8")
    return path
