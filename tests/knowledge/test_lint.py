"""`index --check` reads a policy file's layout for what a conversion got wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from knowledge.check import check_file

FRONT = """---
council: anytown
council_name: Anytown Parish Council
title: IT Policy
numbered: true
adopted: 2024-01
review_due: 2026-01
source: anytown.pdf
---
"""


def warnings(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "anytown.md"
    path.write_text(FRONT + body, encoding="utf-8")
    report = check_file(path, dt.date(2025, 6, 1))
    return [f.message for f in report.findings if f.level == "warning"]


def test_a_clean_file_has_no_layout_warnings(tmp_path: Path) -> None:
    body = "\n## 1. Email\n\n1.1 Use your council address.\n\nYou must not:\n\n- swear\n- shout\n"
    assert warnings(tmp_path, body) == []


def test_a_list_item_continued_on_the_next_line(tmp_path: Path) -> None:
    body = "\n## 1. Email\n\nYou must not:\n\n- open attachments from people you\ndo not know\n"
    [found] = warnings(tmp_path, body)
    assert found.startswith("list item continued on the next line ('do not know')")


def test_a_lone_footer_line_left_as_a_clause(tmp_path: Path) -> None:
    body = (
        "\n## 1. Email\n\n1.1 Use your council address.\n\nAnytown Parish Council\n\nPage 3 of 9\n"
    )
    found = warnings(tmp_path, body)
    assert (
        "anytown/1.1/1: looks like a lone header or footer line: 'anytown parish council'" in found
    )
    assert "anytown/1.1/2: looks like page number: 'Page 3 of 9'" in found


def test_a_heading_with_nothing_under_it(tmp_path: Path) -> None:
    body = "\n## Anytown IT Policy\n\n## 1. Email\n\n1.1 Use your council address.\n\n## 2. Web\n"
    found = warnings(tmp_path, body)
    assert found == [
        "heading 'Anytown IT Policy' has no clauses under it",
        "heading '2. Web' has no clauses under it",
    ]


def test_a_parent_heading_whose_clauses_are_under_subheadings_is_fine(tmp_path: Path) -> None:
    body = "\n## Appendix 1\n\n### Social media\n\nBe polite online.\n"
    assert warnings(tmp_path, body.replace("numbered: true", "")) == []


def test_a_clause_too_long_to_be_one(tmp_path: Path) -> None:
    body = "\n## 1. Email\n\n1.1 " + "Use your council address and nothing else. " * 40 + "\n"
    [found] = warnings(tmp_path, body)
    assert found.startswith("anytown/1.1: 17") and "probably two clauses run together" in found
