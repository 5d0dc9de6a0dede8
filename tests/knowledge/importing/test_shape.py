"""How lines become a policy file's blocks: what a page break or a hard wrap split is
joined again, what starts a new clause, and how lists nest."""

from __future__ import annotations

from knowledge.importing.read import Line
from knowledge.importing.shape import Block, shape


def blocks(text: str) -> list[tuple[str, str, str, int]]:
    shaped = shape([Line(line) for line in text.splitlines()])
    return [(b.kind, b.number, b.text, b.level) for b in shaped.blocks]


def test_a_sentence_split_by_a_page_break_is_rejoined() -> None:
    shaped = shape(
        [
            Line(t)
            for t in [
                "4.5 The Council will appoint a moderator. They will be",
                "",
                "responsible for posting.",
            ]
        ]
    )
    assert [(b.kind, b.text) for b in shaped.blocks] == [
        ("clause", "The Council will appoint a moderator. They will be responsible for posting.")
    ]
    assert shaped.rejoined == 1


def test_a_finished_sentence_after_a_blank_line_starts_a_new_paragraph() -> None:
    assert [b[2] for b in blocks("The first rule.\n\nthe second starts in lower case.")] == [
        "The first rule.",
        "the second starts in lower case.",
    ]


def test_a_list_entry_continued_on_the_next_line_is_one_entry() -> None:
    text = "You must not:\n• open attachments from people you do not\n  know or trust\n• swear"
    assert blocks(text) == [
        ("para", "", "You must not:", 0),
        ("item", "", "open attachments from people you do not know or trust", 0),
        ("item", "", "swear", 0),
    ]


def test_hard_wrapped_text_keeps_its_paragraphs_and_headings() -> None:
    text = (
        "Storing and accessing data\n"
        "All personal information is stored in a locked filing cabinet at the Parish Clerk's\n"
        "office and is kept as long as the law requires.\n"
        "Only officers and Councillors can access the information held there.\n"
    )
    assert [b[:3] for b in blocks(text)] == [
        ("heading", "", "Storing and accessing data"),
        (
            "para",
            "",
            "All personal information is stored in a locked filing cabinet at the Parish Clerk's "
            "office and is kept as long as the law requires.",
        ),
        ("para", "", "Only officers and Councillors can access the information held there."),
    ]


def test_numbers_mark_clauses_sections_and_list_entries() -> None:
    text = (
        "3. Email\n\n"
        "3.1 Use your council address.\n\n"
        "1. Only authorised persons have use of computer equipment.\n"
        "2. Only software authorised for business applications may be used.\n"
        "(a) a lettered entry\n"
        "b) another, with one bracket"
    )
    assert blocks(text) == [
        ("heading", "", "3. Email", 2),
        ("clause", "3.1", "Use your council address.", 0),
        ("item", "1.", "Only authorised persons have use of computer equipment.", 0),
        ("item", "2.", "Only software authorised for business applications may be used.", 0),
        ("item", "(a)", "a lettered entry", 0),
        ("item", "(b)", "another, with one bracket", 0),
    ]


def test_a_full_width_numbered_line_that_wraps_on_is_not_a_heading() -> None:
    text = (
        "the following criteria will be used to decide what websites may be linked to our site:\n\n"
        "1. Other Council websites such as Cheshire East Council, or other local councils in the\n"
        "Crewe area.\n"
    )
    kinds = [b[0] for b in blocks(text)]
    assert kinds == ["para", "item"]


def test_bullets_nest_by_indentation_and_under_a_lead_in_entry() -> None:
    text = (
        "- 6. Deliberate actions with any of the following characteristics:\n"
        " - Wasting staff effort\n"  # a single space: a stray, not a level
        "- Playing games during working hours\n"
        "- 7. The next numbered entry\n"
        "- top\n"
        "    - nested by four spaces\n"
    )
    assert [(b[2][:20], b[3]) for b in blocks(text)] == [
        ("Deliberate actions w", 0),
        ("Wasting staff effort", 1),
        ("Playing games during", 1),
        ("The next numbered en", 0),
        ("top", 0),
        ("nested by four space", 1),
    ]


def test_a_bulleted_section_number_opening_its_clauses_is_a_heading() -> None:
    text = "- 4. Rules for using social media.\n- 4.1 Staff must not be rude."
    assert blocks(text) == [
        ("heading", "", "4. Rules for using social media.", 2),
        ("clause", "4.1", "Staff must not be rude.", 0),
    ]


def test_headings_are_short_and_unfinished_sentences_are_not(capsys: object) -> None:
    assert blocks("Virus Controls\n\nViruses are undesirable pieces of code.")[0][0] == "heading"
    assert blocks("Who does it apply to?\n\nEveryone.")[0][0] == "heading"
    assert blocks("Stay on topic.\n\nBe polite.")[0][0] == "para"
    assert blocks("Approved Council social media:\n\n- Council website.")[0][0] == "para"


def test_blocks_carry_what_ends_them() -> None:
    assert Block("para", "Ends with a colon:").ended
    assert not Block("para", "runs on to the next").ended


def test_text_pasted_from_word_has_a_paragraph_per_line() -> None:
    # No blank lines and no wrapping: each finished line is its own paragraph or entry,
    # whatever its bullet ("\u2022" then a tab, "o" for the level below, "1." then a tab).
    text = (
        "Email\n"
        "Staff must lock their screens whenever they are away from their desks.\n"
        "Councillors must not share their login details with anyone, family included.\n"
        "1.\tAlways use the council email address for council business.\n"
        "2.\tNever forward council emails to a personal account.\n"
        "\u2022\tKeep passwords private.\n"
        "o\tChange them every 90 days.\n"
    )
    assert [(b[0], b[2][:30]) for b in blocks(text)] == [
        ("heading", "Email"),
        ("para", "Staff must lock their screens "),
        ("para", "Councillors must not share the"),
        ("item", "Always use the council email a"),
        ("item", "Never forward council emails t"),
        ("item", "Keep passwords private."),
        ("item", "Change them every 90 days."),
    ]
