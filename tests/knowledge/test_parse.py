"""Unit tests of knowledge.parse.parse() on small inline documents, one rule of FORMAT.md each."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.dates import PartialDate
from knowledge.frontmatter import FrontMatterError
from knowledge.models import Clause, PolicyDocument
from knowledge.parse import load, parse

FRONT = """\
---
council: x
council_name: X Town Council
title: Test Policy
numbered: {numbered}
source: x.txt
---
"""


def doc(body: str, *, numbered: bool = True) -> PolicyDocument:
    return parse(FRONT.format(numbered=str(numbered).lower()) + body)


def numbered(body: str) -> PolicyDocument:
    return doc(body, numbered=True)


def unnumbered(body: str) -> PolicyDocument:
    return doc(body, numbered=False)


def by_id(document: PolicyDocument) -> dict[str, Clause]:
    return {c.id: c for c in document.clauses}


def ids(document: PolicyDocument) -> list[str]:
    return [c.id for c in document.clauses]


# -- front matter ------------------------------------------------------------------------------


def test_front_matter_fields_are_read() -> None:
    text = FRONT.format(numbered="true").replace(
        "source: x.txt\n", "source: x.txt\nadopted: 2022-11-08\nreview_due: 2021-06\n"
    )
    info = parse(text + "1.1 Text.\n").info
    assert info.council == "x"
    assert info.council_name == "X Town Council"
    assert info.title == "Test Policy"
    assert info.numbered is True
    assert info.source == "x.txt"
    assert info.adopted == PartialDate(2022, 11, 8)
    assert info.review_due == PartialDate(2021, 6)
    assert info.last_reviewed is None


def test_front_matter_missing_block() -> None:
    with pytest.raises(FrontMatterError, match=r"no front matter.*'---'"):
        parse("## 1. Intro\n\n1.1 Text.\n")


def test_front_matter_not_first_thing_in_file() -> None:
    with pytest.raises(FrontMatterError, match="no front matter"):
        parse("\n" + FRONT.format(numbered="true") + "1.1 Text.\n")


def test_front_matter_bad_yaml() -> None:
    with pytest.raises(FrontMatterError, match="not valid YAML"):
        parse("---\ncouncil: [x\n---\n1.1 Text.\n")


def test_front_matter_not_a_mapping() -> None:
    with pytest.raises(FrontMatterError, match="mapping"):
        parse("---\n- x\n- y\n---\n1.1 Text.\n")


def test_front_matter_missing_field_is_named() -> None:
    text = FRONT.format(numbered="true").replace("title: Test Policy\n", "")
    with pytest.raises(FrontMatterError, match=r"title: Field required"):
        parse(text + "1.1 Text.\n")


def test_front_matter_missing_fields_all_named() -> None:
    with pytest.raises(FrontMatterError) as caught:
        parse("---\ncouncil: x\n---\n")
    for name in ("council_name", "title", "numbered", "source"):
        assert name in str(caught.value)


def test_front_matter_unknown_field_rejected() -> None:
    text = FRONT.format(numbered="true").replace("source: x.txt\n", "source: x.txt\nvenue: y\n")
    with pytest.raises(FrontMatterError, match="venue"):
        parse(text + "1.1 Text.\n")


@pytest.mark.parametrize("slug", ["Watton", "watton town", "-watton", "watton_tc", "wätton"])
def test_front_matter_bad_slug(slug: str) -> None:
    text = FRONT.format(numbered="true").replace("council: x\n", f"council: {slug}\n")
    with pytest.raises(FrontMatterError, match=r"council: String should match pattern"):
        parse(text + "1.1 Text.\n")


@pytest.mark.parametrize("value", ["June 2024", "2024-13", "08.11.2022", "2024-6"])
def test_front_matter_bad_date(value: str) -> None:
    text = FRONT.format(numbered="true").replace(
        "source: x.txt\n", f"source: x.txt\nadopted: {value}\n"
    )
    with pytest.raises(FrontMatterError, match="adopted") as caught:
        parse(text + "1.1 Text.\n")
    assert "YYYY" in str(caught.value) or "out of range" in str(caught.value)


def test_front_matter_impossible_yaml_date_is_a_front_matter_error() -> None:
    text = FRONT.format(numbered="true").replace(
        "source: x.txt\n", "source: x.txt\nadopted: 2024-02-30\n"
    )
    with pytest.raises(FrontMatterError, match="adopted"):
        parse(text + "1.1 Text.\n")


def test_load_accepts_utf8_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("\ufeff" + FRONT.format(numbered="true") + "1.1 Text.\n", encoding="utf-8")
    assert load(path).info.council == "x"


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


# -- short lead-in qualifiers ------------------------------------------------------------------


def test_do_and_dont_qualify_lettered_lists() -> None:
    d = numbered(
        "## 9. Usage\n\n"
        "Councillors need to think.\n\n"
        "Do:\n\n- a. Set privacy settings.\n- b. Watch out.\n\n"
        "Don't:\n\n- a. Blog in haste.\n"
    )
    assert ids(d) == ["x/9/1", "x/9-do(a)", "x/9-do(b)", "x/9-dont(a)"]
    do_a, dont_a = by_id(d)["x/9-do(a)"], by_id(d)["x/9-dont(a)"]
    assert do_a.label == "§9 Do (a)"
    assert dont_a.label == "§9 Don't (a)"
    assert dont_a.text == "Blog in haste."


def test_short_qualifier_is_not_a_clause_but_is_context() -> None:
    # "Don't:" must travel with its items, or a list of don'ts reads as instructions.
    d = numbered("## 9. Usage\n\nDo:\n\n- a. Set privacy settings.\n")
    (clause,) = d.clauses
    assert clause.text == "Set privacy settings."
    assert clause.context == ("Do:",)


def test_qualifier_ends_at_next_paragraph() -> None:
    d = numbered("## 9. Usage\n\nDo:\n\n- a. One.\n\nMore text follows here.\n\n- b. Two.\n")
    assert ids(d) == ["x/9-do(a)", "x/9/1", "x/9(b)"]


def test_dont_qualifier_kept_for_unmarked_items() -> None:
    d = numbered("## 9. Usage\n\nDon't:\n\n- Blog in haste.\n")
    (clause,) = d.clauses
    assert "Don't" in clause.label or "Don't:" in clause.context


def test_short_lead_in_kept_in_unnumbered_document() -> None:
    d = unnumbered("## Misuse\n\nThese include:\n\n- Gambling.\n")
    texts = [c.text for c in d.clauses]
    contexts = [ctx for c in d.clauses for ctx in c.context]
    assert "These include:" in texts + contexts


# -- unnumbered documents ----------------------------------------------------------------------


def test_unnumbered_paragraphs_are_heading_points() -> None:
    d = unnumbered("## Virus Controls\n\nViruses are bad.\n\nNo software should be loaded.\n")
    clause = by_id(d)["x/virus-controls/2"]
    assert clause.label == "Virus Controls, point 2"
    assert clause.text == "No software should be loaded."


def test_unnumbered_marked_items_are_heading_items() -> None:
    d = unnumbered("## Misuse\n\nAll misuse is prohibited:\n\n- 5. Spam.\n- 6. Deliberate acts:\n")
    clause = by_id(d)["x/misuse/item-6"]
    assert clause.label == "Misuse, item 6"
    assert clause.text == "Deliberate acts:"


def test_unnumbered_items_nested_under_marked_item() -> None:
    d = unnumbered("## Misuse\n\n- 6. Deliberate acts:\n  - Wasting effort\n  - Playing games\n")
    clause = by_id(d)["x/misuse/item-6/2"]
    assert clause.label == "Misuse, item 6, point 2"
    assert clause.text == "Playing games"


def test_unnumbered_points_restart_under_each_heading() -> None:
    d = unnumbered("## Security\n\nOne.\n\n### Virus Controls\n\nTwo.\n\n## Misuse\n\nThree.\n")
    assert ids(d) == ["x/security/1", "x/virus-controls/1", "x/misuse/1"]


def test_section_number_stripped_from_unnumbered_heading() -> None:
    d = unnumbered("## 5. Virus Controls\n\nViruses are bad.\n")
    (clause,) = d.clauses
    assert clause.id == "x/virus-controls/1"
    assert clause.label == "Virus Controls, point 1"
    assert clause.heading_path == ("5. Virus Controls",)


def test_text_before_any_number_uses_heading() -> None:
    d = numbered(
        "## ABOUT THIS POLICY\n\nThis policy outlines standards.\n\n## 1. Staff\n\n1.1 X.\n"
    )
    assert ids(d) == ["x/about-this-policy/1", "x/1.1"]


def test_text_before_any_heading_is_preamble() -> None:
    (clause,) = unnumbered("Opening words.\n").clauses
    assert clause.id == "x/preamble/1"
    assert clause.label == "Preamble, point 1"
    assert clause.heading_path == ()


def test_heading_slug_drops_apostrophes() -> None:
    d = unnumbered("## Protocol for the use of X Council's Website.\n\nText.\n")
    assert ids(d) == ["x/protocol-for-the-use-of-x-councils-website/1"]


# -- repeated headings -------------------------------------------------------------------------


def test_repeated_heading_gets_numbered_suffix() -> None:
    d = unnumbered("## Introduction\n\nA.\n\n## Introduction\n\nB.\n\n## Introduction\n\nC.\n")
    assert ids(d) == ["x/introduction/1", "x/introduction-2/1", "x/introduction-3/1"]


def test_repeated_heading_suffix_ignores_section_number() -> None:
    d = unnumbered("## 3. Social Media\n\nA.\n\n### Social Media\n\nB.\n")
    assert ids(d) == ["x/social-media/1", "x/social-media-2/1"]


def test_repeated_heading_ids_stay_unique() -> None:
    d = unnumbered("## Introduction\n\nA.\n\n## Introduction\n\nB.\n\n## Introduction 2\n\nC.\n")
    assert len(set(ids(d))) == 3


# -- lead-in context ---------------------------------------------------------------------------


def test_lead_in_colon_attached_to_every_item() -> None:
    lead = "All misuse is prohibited including the following:"
    d = unnumbered(f"## Misuse\n\n{lead}\n\n- Spam.\n- Games.\n")
    assert [c.text for c in d.clauses] == [lead, "Spam.", "Games."]
    assert d.clauses[0].context == ()
    assert [c.context for c in d.clauses[1:]] == [(lead,), (lead,)]


def test_lead_in_semicolon_attached_to_items() -> None:
    lead = "When participating staff must;"
    d = numbered(f"## 4. Rules\n\n4.9 {lead}\n\n- Be respectful.\n")
    assert by_id(d)["x/4.9/1"].context == (lead,)


def test_lead_in_from_numbered_clause_excludes_its_number() -> None:
    d = numbered("## 6. EMAIL\n\n6.6 In general, you should not:\n\n- (a) Send chain mail.\n")
    assert by_id(d)["x/6.6(a)"].context == ("In general, you should not:",)


def test_lead_in_joined_across_lines() -> None:
    d = unnumbered("## Misuse\n\nAll misuse is\nprohibited:\n\n- Spam.\n")
    assert d.clauses[1].context == ("All misuse is prohibited:",)


def test_paragraph_without_colon_is_not_lead_in() -> None:
    d = unnumbered("## Misuse\n\nAll misuse is prohibited.\n\n- Spam.\n")
    assert d.clauses[1].context == ()


def test_lead_in_must_be_immediately_before_the_list() -> None:
    d = unnumbered("## Misuse\n\nThe following:\n\nIntervening paragraph.\n\n- Spam.\n")
    assert d.clauses[-1].context == ()


def test_lead_in_does_not_cross_a_heading() -> None:
    d = unnumbered("## Misuse\n\nThe following apply:\n\n### Examples\n\n- Spam.\n")
    assert d.clauses[-1].context == ()


def test_lead_in_does_not_reach_a_later_list() -> None:
    lead = "These controls will include:"
    d = unnumbered(f"## Security\n\n{lead}\n\n- Locks.\n\nFurther text.\n\n- Backups.\n")
    assert by_id(d)["x/security/2"].context == (lead,)
    assert by_id(d)["x/security/4"].context == ()


def test_nested_items_get_lead_in_and_parent_item() -> None:
    lead = "All misuse is prohibited including the following:"
    parent = "Deliberate actions with any of the following characteristics:"
    d = unnumbered(f"## Misuse\n\n{lead}\n\n- 6. {parent}\n  - Playing games\n- 7. Last.\n")
    clauses = by_id(d)
    assert clauses["x/misuse/item-6"].context == (lead,)
    assert clauses["x/misuse/item-6/1"].context == (lead, parent)
    assert clauses["x/misuse/item-7"].context == (lead,)


def test_parent_item_without_colon_is_not_context() -> None:
    d = numbered("## 3. G\n\n- x. Obscene content\n  - i. Images\n")
    assert by_id(d)["x/3(x)(i)"].context == ()


# -- heading path ------------------------------------------------------------------------------


def test_heading_path_follows_heading_levels() -> None:
    d = unnumbered(
        "# Appendix 1\n\n## Social Media\n\n### Guidance\n\nDeep.\n\n## Email\n\nShallow.\n"
    )
    paths = {c.text: c.heading_path for c in d.clauses}
    assert paths["Deep."] == ("Appendix 1", "Social Media", "Guidance")
    assert paths["Shallow."] == ("Appendix 1", "Email")


def test_heading_path_keeps_section_numbers_in_numbered_document() -> None:
    d = numbered("## SOCIAL MEDIA\n\n### 11. COMPLIANCE\n\n11.1 Text.\n")
    assert d.clauses[0].heading_path == ("SOCIAL MEDIA", "11. COMPLIANCE")


def test_unnumbered_subheading_keeps_section_anchor_in_numbered_document() -> None:
    d = numbered("## 1. Users\n\nOne.\n\n### Users of social media\n\nTwo.\n")
    assert ids(d) == ["x/1/1", "x/1/2"]
    assert d.clauses[1].heading_path == ("1. Users", "Users of social media")


# -- labels from shouted headings --------------------------------------------------------------


def test_shouted_heading_label_in_title_case() -> None:
    (clause,) = numbered("## ABOUT THIS POLICY\n\nText.\n").clauses
    assert clause.label == "About This Policy, point 1"
    assert clause.heading_path == ("ABOUT THIS POLICY",)


def test_mixed_case_heading_label_unchanged() -> None:
    (clause,) = unnumbered("## Use of Email and IT\n\nText.\n").clauses
    assert clause.label == "Use of Email and IT, point 1"


def test_shouted_heading_with_apostrophe_label() -> None:
    (clause,) = unnumbered("## COUNCIL'S WEBSITE\n\nText.\n").clauses
    assert clause.label == "Council's Website, point 1"


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
