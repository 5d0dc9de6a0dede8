"""knowledge.parse on headings: ids and labels in unnumbered documents, repeated headings,
heading paths, and labels from shouted headings (FORMAT.md)."""

from __future__ import annotations

from tests.knowledge.parse_support import by_id, ids, numbered, unnumbered

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
