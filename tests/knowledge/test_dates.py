"""PartialDate (YYYY, YYYY-MM, YYYY-MM-DD) and the review-date freshness of a DocumentInfo."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.dates import PartialDate
from knowledge.models import DocumentInfo

# -- parse -------------------------------------------------------------------------------------


def test_parse_year() -> None:
    assert PartialDate.parse("2024") == PartialDate(2024, None, None)


def test_parse_year_as_int() -> None:
    # YAML reads `adopted: 2024` as an int.
    assert PartialDate.parse(2024) == PartialDate(2024)


def test_parse_month() -> None:
    assert PartialDate.parse("2024-06") == PartialDate(2024, 6, None)


def test_parse_day() -> None:
    assert PartialDate.parse("2024-06-30") == PartialDate(2024, 6, 30)


def test_parse_strips_whitespace() -> None:
    assert PartialDate.parse(" 2024-06 ") == PartialDate(2024, 6)


def test_parse_date_object() -> None:
    # YAML reads `adopted: 2022-11-08` as a datetime.date.
    assert PartialDate.parse(dt.date(2022, 11, 8)) == PartialDate(2022, 11, 8)


def test_parse_leap_day() -> None:
    assert PartialDate.parse("2024-02-29") == PartialDate(2024, 2, 29)


@pytest.mark.parametrize(
    "value",
    [
        "June 2024",
        "2024-13",
        "2024-6",
        "24",
        "08.11.2022",
        "2024/06/30",
        "2024-06-31",
        "2023-02-29",
        "2024-06-30T00:00",
        "",
    ],
)
def test_parse_invalid_raises_value_error(value: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(value)


def test_parse_invalid_message_names_the_forms() -> None:
    with pytest.raises(ValueError, match=r"'June 2024'.*YYYY, YYYY-MM or YYYY-MM-DD"):
        PartialDate.parse("June 2024")


def test_parse_month_zero_rejected() -> None:
    with pytest.raises(ValueError):
        PartialDate.parse("2024-00")


def test_parse_day_zero_rejected() -> None:
    with pytest.raises(ValueError):
        PartialDate.parse("2024-06-00")


# -- last_day ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-06", dt.date(2021, 6, 30)),
        ("2024", dt.date(2024, 12, 31)),
        ("2024-02", dt.date(2024, 2, 29)),
        ("2023-02", dt.date(2023, 2, 28)),
        ("2000-02", dt.date(2000, 2, 29)),
        ("1900-02", dt.date(1900, 2, 28)),
        ("2024-06-15", dt.date(2024, 6, 15)),
        ("2024-12", dt.date(2024, 12, 31)),
    ],
)
def test_last_day(value: str, expected: dt.date) -> None:
    assert PartialDate.parse(value).last_day() == expected


def test_last_day_rejects_bad_month() -> None:
    with pytest.raises(ValueError, match="month 13"):
        PartialDate(2024, 13).last_day()


# -- str and iso -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("2024", "2024"),
        ("2021-06", "June 2021"),
        ("2024-06-30", "30 June 2024"),
        ("2022-11-08", "8 November 2022"),
    ],
)
def test_str(value: str, text: str) -> None:
    assert str(PartialDate.parse(value)) == text


@pytest.mark.parametrize("value", ["2024", "2021-06", "2022-11-08", "0999-01-02"])
def test_iso_round_trip(value: str) -> None:
    date = PartialDate.parse(value)
    assert date.iso() == value
    assert PartialDate.parse(date.iso()) == date


def test_partial_date_is_frozen_and_hashable() -> None:
    date = PartialDate(2024, 6)
    assert {date, PartialDate(2024, 6)} == {date}
    with pytest.raises(AttributeError):
        date.year = 2025  # type: ignore[misc]


# -- DocumentInfo freshness --------------------------------------------------------------------


def info(review_due: str | None) -> DocumentInfo:
    return DocumentInfo(
        council="x",
        council_name="X Town Council",
        title="Test Policy",
        numbered=True,
        source="x.txt",
        review_due=None if review_due is None else PartialDate.parse(review_due),
    )


def test_not_overdue_without_review_date() -> None:
    document = info(None)
    assert document.overdue(dt.date(2100, 1, 1)) is False
    assert document.freshness_note(dt.date(2100, 1, 1)) is None


def test_not_overdue_before_due_date() -> None:
    document = info("2024-06-30")
    assert document.overdue(dt.date(2024, 6, 1)) is False
    assert document.freshness_note(dt.date(2024, 6, 1)) is None


def test_not_overdue_on_due_date() -> None:
    document = info("2024-06-30")
    assert document.overdue(dt.date(2024, 6, 30)) is False
    assert document.freshness_note(dt.date(2024, 6, 30)) is None


def test_overdue_day_after_due_date() -> None:
    document = info("2024-06-30")
    assert document.overdue(dt.date(2024, 7, 1)) is True


def test_month_due_date_runs_to_end_of_month() -> None:
    document = info("2021-06")
    assert document.overdue(dt.date(2021, 6, 30)) is False
    assert document.overdue(dt.date(2021, 7, 1)) is True


def test_year_due_date_runs_to_end_of_year() -> None:
    document = info("2024")
    assert document.overdue(dt.date(2024, 12, 31)) is False
    assert document.overdue(dt.date(2025, 1, 1)) is True


def test_freshness_note_when_overdue() -> None:
    note = info("2021-06").freshness_note(dt.date(2024, 1, 1))
    assert note == (
        "This policy was due for review by June 2021; "
        "check with the Clerk that it is still current."
    )


def test_freshness_note_with_day_precision() -> None:
    note = info("2024-06-30").freshness_note(dt.date(2024, 7, 1))
    assert note is not None
    assert "due for review by 30 June 2024;" in note
