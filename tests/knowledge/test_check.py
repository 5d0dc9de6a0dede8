from __future__ import annotations

import datetime as dt
from pathlib import Path

from knowledge.check import check_folder, gaps
from knowledge.library import bundled_policies

TODAY = dt.date(2026, 11, 21)
HEAD = (
    "---\ncouncil: {slug}\ncouncil_name: X Council\ntitle: T\nnumbered: true\n"
    "source: s.txt\n{extra}---\n"
)


def write(folder: Path, slug: str, body: str, extra: str = "") -> Path:
    path = folder / f"{slug}.md"
    path.write_text(HEAD.format(slug=slug, extra=extra) + body, encoding="utf-8")
    return path


def test_bundled_policies_have_no_errors() -> None:
    reports = check_folder(bundled_policies(), TODAY)
    assert {r.council for r in reports} == {"crewe", "croft", "flitwick", "rugeley", "watton"}
    assert all(r.count("error") == 0 for r in reports)
    assert all(r.clauses > 50 for r in reports)


def test_overdue_review_is_noted() -> None:
    reports = {r.council: r for r in check_folder(bundled_policies(), TODAY)}
    assert any("June 2021" in f.message for f in reports["crewe"].findings if f.level == "note")


def test_gaps_in_numbers_letters_and_roman_numerals() -> None:
    ids = [
        "x/3.1",
        "x/3.2",
        "x/3.4",
        "x/6(a)",
        "x/6(b)",
        "x/6(d)",
        "x/2(x)(i)",
        "x/2(x)(ii)",
        "x/2(x)(v)",
    ]
    assert gaps(ids) == [
        "numbering gap under 3: 3 missing",
        "numbering gap under 6: 3 missing",
        "numbering gap under 2(x): 3, 4 missing",
    ]


def test_duplicates_are_errors_and_furniture_and_dates_warnings(tmp_path: Path) -> None:
    body = "## 1. A\n\n1.1 First.\n\n1.1 Again.\n\n1.2 Page 3 of 9\n\n- > left-over glyph\n"
    write(tmp_path, "dup", body)
    [report] = check_folder(tmp_path, TODAY)
    messages = [(f.level, f.message) for f in report.findings]
    assert ("error", "duplicate clause id dup/1.1 (2 times)") in messages
    assert any(lvl == "warning" and "page number" in msg for lvl, msg in messages)
    assert any(lvl == "warning" and "bullet glyph" in msg for lvl, msg in messages)
    assert ("warning", "no adopted date in the front matter") in messages


def test_bad_front_matter_and_empty_body_are_errors(tmp_path: Path) -> None:
    (tmp_path / "broken.md").write_text("no front matter here\n", encoding="utf-8")
    write(tmp_path, "empty", "## Only a heading\n", extra="adopted: 2020\nreview_due: 2030\n")
    reports = {r.path.name: r for r in check_folder(tmp_path, TODAY)}
    assert reports["broken.md"].count("error") == 1
    assert "front matter" in reports["broken.md"].findings[0].message
    assert reports["empty.md"].count("error") == 1
    assert reports["empty.md"].count("warning") == 0


def test_two_files_for_one_council_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a", "1.1 Text.\n")
    (tmp_path / "b.md").write_text(
        HEAD.format(slug="a", extra="") + "1.1 Text.\n", encoding="utf-8"
    )
    reports = check_folder(tmp_path, TODAY)
    assert all(r.count("error") == 1 for r in reports)
