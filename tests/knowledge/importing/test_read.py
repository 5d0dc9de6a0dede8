"""What can't become a policy says why, plainly: an empty file, a scan with no text
layer, a format nobody reads, a corrupt or password-protected file."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from knowledge.importing import UnusableDocumentError, convert, read


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "policy.txt"
    empty.write_text("\n\n   \n")
    with pytest.raises(UnusableDocumentError, match="holds no text"):
        read(empty)


def test_a_scanned_pdf_with_no_text_layer_is_refused(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    canvas = Canvas(str(scan), pagesize=A4)
    canvas.rect(72, 72, 400, 600, fill=1)  # a page image, as a scanner makes: no text
    canvas.showPage()
    canvas.save()
    with pytest.raises(UnusableDocumentError, match="no text layer"):
        read(scan)


def test_a_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    with locked.open("wb") as out:
        writer.write(out)
    with pytest.raises(UnusableDocumentError, match="password"):
        read(locked)


@pytest.mark.parametrize("name", ["policy.pdf", "policy.docx"])
def test_a_corrupt_file_is_refused(name: str, tmp_path: Path) -> None:
    broken = tmp_path / name
    broken.write_bytes(b"this is not what the name says" * 10)
    with pytest.raises(UnusableDocumentError, match="not a readable"):
        read(broken)


@pytest.mark.parametrize("name", ["policy.odt", "policy.doc", "policy"])
def test_an_unreadable_format_is_refused_naming_what_is_read(name: str, tmp_path: Path) -> None:
    other = tmp_path / name
    other.write_bytes(b"\xd0\xcf\x11\xe0 old Word")
    with pytest.raises(UnusableDocumentError, match=r"can't read .*\.docx.*\.pdf"):
        read(other)


def test_binary_bytes_named_txt_are_refused(tmp_path: Path) -> None:
    binary = tmp_path / "policy.txt"
    binary.write_bytes(b"\x00\x01\x02 binary \x00")
    with pytest.raises(UnusableDocumentError, match="not a text file"):
        read(binary)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnusableDocumentError, match="no such file"):
        read(tmp_path / "nowhere.pdf")


def test_windows_text_is_read(tmp_path: Path) -> None:
    text = tmp_path / "policy.txt"
    text.write_bytes("1. Email\n\n1.1 Don\u2019t forward chain letters.\n".encode("cp1252"))
    assert [line.text for line in read(text) if line.text] == [
        "1. Email",
        "1.1 Don\u2019t forward chain letters.",
    ]


def test_word_styles_become_headings_and_list_levels(tmp_path: Path) -> None:
    document = Document()
    document.add_heading("Use of email", level=1)
    document.add_paragraph("You must not:")
    document.add_paragraph("send chain letters", style="List Bullet")
    document.add_paragraph("open attachments from strangers", style="List Bullet 2")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Date adopted", "Next review"
    table.cell(1, 0).text, table.cell(1, 1).text = "12 May 2025", "May 2026"
    path = tmp_path / "policy.docx"
    document.save(str(path))
    imported = convert([path], "anytown", "Anytown Parish Council")
    assert "## Use of email" in imported.markdown
    assert "- send chain letters\n  - open attachments from strangers" in imported.markdown
    assert imported.dates.adopted is not None and imported.dates.adopted.iso() == "2025-05-12"
    assert imported.dates.review_due is not None and imported.dates.review_due.iso() == "2026-05"
