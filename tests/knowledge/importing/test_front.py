"""The front matter is read from the document: dates as stated (never guessed), the
council's name, the title."""

from __future__ import annotations

import pytest

from knowledge.importing.front import council_name, dates, parse_date, title


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("8 th May 2024", "2024-05-08"),
        ("31st March 2020.", "2020-03-31"),
        ("08.11.2022", "2022-11-08"),
        ("16/01/25", "2025-01-16"),
        ("June 2021", "2021-06"),
        ("Sept. 2023", "2023-09"),
        ("2019", "2019"),
    ],
)
def test_dates_in_the_forms_english_councils_write_them(text: str, iso: str) -> None:
    found = parse_date(text)
    assert found is not None and found.iso() == iso


def test_no_date_and_impossible_dates_are_none() -> None:
    assert parse_date("[Insert date]") is None
    assert parse_date("31.02.2024") is None


def test_dates_after_their_words_or_under_them_in_a_table() -> None:
    found = dates(
        ["Adopted by Council: 31st March 2020.", "Review Date: June 2021", "Updated May 2024"],
        [],
    )
    assert {k: v.iso() for k, v in found.found().items()} == {
        "adopted": "2020-03-31",
        "review_due": "2021-06",
        "last_reviewed": "2024-05",
    }
    table = dates(
        [],
        [
            ["Date Adopted", "Date last Reviewed", "Next Review Date"],
            ["Feb 2018", "8 th May 2024", "30 th June 2024"],
        ],
    )
    assert {k: v.iso() for k, v in table.found().items()} == {
        "adopted": "2018-02",
        "last_reviewed": "2024-05-08",
        "review_due": "2024-06-30",
    }


def test_a_date_with_no_word_saying_what_it_is_is_not_taken() -> None:
    assert dates(["January 2028"], []).found() == {}


def test_council_name_and_title() -> None:
    assert council_name(["Welcome", "Barrington Parish Council \u2013 Email Policy"]) == (
        "Barrington Parish Council"
    )
    assert council_name(["A policy for staff"]) is None
    assert title(["CREWE TOWN COUNCIL: DIGITAL and ICT POLICY."], "Crewe Town Council") == (
        "Digital and ICT Policy"
    )
    assert title(["Adopted 2020"], None) is None
