"""Page furniture goes, counted for the report; the policy's words stay as they are."""

from __future__ import annotations

from knowledge.importing.furniture import clean
from knowledge.importing.read import Line


def kept(lines: list[str]) -> tuple[list[str], dict[str, int]]:
    out, removed = clean([Line(t) for t in lines])
    return [line.text for line in out if line.text], dict(removed.counts)


def test_running_headers_footers_and_page_numbers_go() -> None:
    page = ["Anytown Parish Council", "IT Policy", "Page {n} of 3"]
    lines = []
    for n in range(1, 4):
        lines += [page[0], page[1], f"{n}.1 A rule on page {n}.", page[2].format(n=n)]
    text, counts = kept(lines)
    assert text == ["1.1 A rule on page 1.", "2.1 A rule on page 2.", "3.1 A rule on page 3."]
    assert counts == {"page header or footer": 6, "page number": 3}
    _, removed = clean([Line(t) for t in lines])
    assert removed.running == ["Anytown Parish Council", "IT Policy"]


def test_a_contents_page_goes_until_the_document_starts_over() -> None:
    text, counts = kept(
        [
            "Contents",
            "1. Introduction\t3",
            "Security ........ 4",
            "- General Operation 2.",
            "Appendix 1: Social Media Policy",
            "",
            "1. Introduction",
            "This policy applies to everyone.",
        ]
    )
    assert text == ["1. Introduction", "This policy applies to everyone."]
    assert counts == {"contents page": 5}


def test_an_amendment_record_and_end_marker_go() -> None:
    text, counts = kept(
        [
            "18.2 You may be asked to remove content.",
            "-END-",
            "AMENDMENT RECORD",
            "Any amendment to this policy should be recorded here.",
            "Amendment no\tVersion\tDate",
            "1\t1\t2022",
        ]
    )
    assert text == ["18.2 You may be asked to remove content."]
    assert counts == {"end marker": 1, "amendment record": 4}


def test_emphasis_and_link_markup_go_but_words_stay() -> None:
    text, counts = kept(
        [
            "3.7 Councillors can issue *personal* press releases: **signed** personally.",
            "The statement can be viewed [here](#), see <https://example.gov.uk/standards>.",
        ]
    )
    assert text == [
        "3.7 Councillors can issue personal press releases: signed personally.",
        "The statement can be viewed here, see https://example.gov.uk/standards.",
    ]
    assert counts == {"emphasis markers": 1, "link markup": 1}


def test_a_date_table_is_kept_for_its_dates_not_as_text() -> None:
    out, removed = clean(
        [
            Line("Date Created\tDate Adopted\tNext Review Date"),
            Line("Nov 2017\tFeb 2018\tJune 2024"),
        ]
    )
    assert [line.text for line in out if line.text] == []
    assert removed.tables == [
        ["Date Created", "Date Adopted", "Next Review Date"],
        ["Nov 2017", "Feb 2018", "June 2024"],
    ]


def test_a_short_rule_said_twice_is_not_furniture() -> None:
    text, _ = kept(["Stay on topic.", "Be polite.", "Stay on topic."])
    assert text == ["Stay on topic.", "Be polite.", "Stay on topic."]


def test_word_bullets_pasted_with_a_tab_are_list_entries_not_table_rows() -> None:
    text, counts = kept(
        ["\u2022\tThe laptop is for council business.", "1.\tUse strong passwords."]
    )
    assert text == ["\u2022\tThe laptop is for council business.", "1.\tUse strong passwords."]
    assert counts == {}


def test_a_signature_block_goes() -> None:
    text, counts = kept(
        [
            "Be polite online.",
            "Signed: \u2026\u2026\u2026\u2026 (Chairman)    Date: \u2026\u2026\u2026",
        ]
    )
    assert text == ["Be polite online."]
    assert counts == {"signature or form line": 1}
