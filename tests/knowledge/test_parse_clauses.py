"""knowledge.parse on clause bodies: paragraphs, numbered clauses, marked items, points, and
the problems a document reports (one rule of FORMAT.md each)."""

from __future__ import annotations

import pytest

from tests.knowledge.parse_support import by_id, ids, numbered, unnumbered

# -- paragraphs --------------------------------------------------------------------------------


def test_paragraph_lines_joined_with_single_spaces() -> None:
    d = unnumbered("## Intro\n\nThe first line\n  continues here   \nand ends here.\n")
    assert [c.text for c in d.clauses] == ["The first line continues here and ends here."]


def test_blank_line_separates_paragraphs() -> None:
    d = unnumbered("## Intro\n\nOne.\n\nTwo.\n")
    assert [c.text for c in d.clauses] == ["One.", "Two."]


def test_clause_order_is_document_order() -> None:
    d = unnumbered("## A\n\nOne.\n\n- Two.\n\n## B\n\nThree.\n")
    assert [c.order for c in d.clauses] == [0, 1, 2]


# -- numbered clauses --------------------------------------------------------------------------


def test_numbered_clause_id_label_and_text() -> None:
    d = numbered("## 6. EMAIL\n\n6.6 In general, you should not\nsend chain mail.\n")
    (clause,) = d.clauses
    assert clause.id == "x/6.6"
    assert clause.label == "§6.6"
    assert clause.text == "In general, you should not send chain mail."


def test_numbered_clause_number_with_several_parts() -> None:
    d = numbered("## 1. A\n\n1.2.3 Deep clause.\n\n10.11 Two digits.\n")
    assert ids(d) == ["x/1.2.3", "x/10.11"]
    assert by_id(d)["x/10.11"].label == "§10.11"


def test_clause_number_only_recognised_in_numbered_documents() -> None:
    d = unnumbered("## Intro\n\n6.6 Text.\n")
    (clause,) = d.clauses
    assert clause.id == "x/intro/1"
    assert clause.text == "6.6 Text."


def test_citation_uses_label() -> None:
    (clause,) = numbered("## 3. Media\n\n3.7 Text.\n").clauses
    assert clause.citation() == "X Town Council, Test Policy, §3.7"
    assert clause.council == "x"


# -- marked items ------------------------------------------------------------------------------


def test_marked_item_under_numbered_clause() -> None:
    d = numbered("## 6. EMAIL\n\n6.6 In general, you should not:\n\n- (a) Send chain mail.\n")
    clause = by_id(d)["x/6.6(a)"]
    assert clause.label == "§6.6(a)"
    assert clause.text == "Send chain mail."


@pytest.mark.parametrize(
    ("line", "marker", "text"),
    [
        ("- (a) Send mail.", "a", "Send mail."),
        ("- t. Officers must not.", "t", "Officers must not."),
        ("- iv. Plagiarised material.", "iv", "Plagiarised material."),
        ("- 1. Customer agenda.", "1", "Customer agenda."),
        ("- (viii) Spam.", "viii", "Spam."),
    ],
)
def test_item_marker_forms(line: str, marker: str, text: str) -> None:
    d = numbered(f"## 3. Guidance\n\n{line}\n")
    (clause,) = d.clauses
    assert clause.id == f"x/3({marker})"
    assert clause.label == f"§3({marker})"
    assert clause.text == text


def test_section_heading_number_anchors_marked_items() -> None:
    d = numbered("## 3. Guidance for Officers\n\n- s. First.\n- t. Second.\n")
    assert ids(d) == ["x/3(s)", "x/3(t)"]
    assert by_id(d)["x/3(t)"].label == "§3(t)"


def test_nested_marked_items() -> None:
    d = numbered(
        "## 3. Guidance\n\n"
        "- x. We retain the right to remove content that includes:\n"
        "  - i. Obscene content\n"
        "  - iv. Plagiarised material\n"
        "- y. The response.\n"
    )
    assert ids(d) == ["x/3(x)", "x/3(x)(i)", "x/3(x)(iv)", "x/3(y)"]
    nested = by_id(d)["x/3(x)(iv)"]
    assert nested.label == "§3(x)(iv)"
    assert nested.text == "Plagiarised material"


def test_nested_item_without_parent_is_a_problem() -> None:
    d = unnumbered("## Intro\n\n  - Orphan.\n")
    assert any("nested list item without a parent" in msg for _, msg in d.problems)


def test_abbreviation_is_not_an_item_marker() -> None:
    (clause,) = unnumbered("## Roles\n\n- Cllr. Jones will moderate the page.\n").clauses
    assert clause.id == "x/roles/1"
    assert clause.text == "Cllr. Jones will moderate the page."


# -- points: unmarked items and extra paragraphs ----------------------------------------------


def test_unmarked_items_are_points_under_the_clause() -> None:
    d = numbered(
        "## 4. Rules\n\n"
        "4.9 When participating staff must;\n\n"
        "- Be respectful.\n"
        "- Disclose identity.\n"
        "- Never mislead.\n"
    )
    assert ids(d) == ["x/4.9", "x/4.9/1", "x/4.9/2", "x/4.9/3"]
    third = by_id(d)["x/4.9/3"]
    assert third.label == "§4.9, point 3"
    assert third.text == "Never mislead."


def test_extra_paragraph_under_a_number_is_a_point() -> None:
    d = numbered("## 6. Email\n\n6.8 Emails should display:\n\nThe disclaimer text.\n")
    clause = by_id(d)["x/6.8/1"]
    assert clause.label == "§6.8, point 1"
    assert clause.text == "The disclaimer text."


def test_points_counted_across_paragraphs_and_items_under_one_anchor() -> None:
    d = numbered(
        "## 10. Prohibited\n\n10.1 Misuse.\n\nA line.\n\nUse includes the following:\n\n- Item.\n"
    )
    assert ids(d) == ["x/10.1", "x/10.1/1", "x/10.1/2", "x/10.1/3"]


def test_points_restart_under_each_anchor() -> None:
    d = numbered("## 1. A\n\n1.1 One.\n\n- p.\n\n1.2 Two.\n\n- q.\n")
    assert ids(d) == ["x/1.1", "x/1.1/1", "x/1.2", "x/1.2/1"]


def test_paragraph_under_section_heading_is_a_point_of_the_section() -> None:
    d = numbered("## 12. PERSONAL USE\n\nPersonal use is not permitted.\n")
    (clause,) = d.clauses
    assert clause.id == "x/12/1"
    assert clause.label == "§12, point 1"


def test_unmarked_item_nested_under_marked_item() -> None:
    d = numbered("## 3. G\n\n- x. Content that includes:\n  - Spam\n  - Abuse\n")
    assert ids(d) == ["x/3(x)", "x/3(x)/1", "x/3(x)/2"]
    assert by_id(d)["x/3(x)/2"].label == "§3(x), point 2"


# -- problems ----------------------------------------------------------------------------------


def test_stray_emphasis_reported_as_problem() -> None:
    d = unnumbered("## Intro\n\nSome **bold** text.\n")
    assert d.problems == [(10, "x/intro/1: stray '**' in text")]


def test_problem_line_is_the_file_line() -> None:
    d = unnumbered("## Intro\n\nClean.\n\n- Item with ** in it.\n")
    ((line, message),) = d.problems
    assert line == 12
    assert "x/intro/item" not in message
    assert "x/intro/2" in message


def test_clean_document_has_no_problems() -> None:
    d = numbered("## 1. Intro\n\n1.1 Clean text.\n\n- (a) Clean item.\n")
    assert d.problems == []
