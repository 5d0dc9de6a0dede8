"""An opening message: a request to start, with what it already says, or a question."""

from __future__ import annotations

import pytest

from bot.core.understanding import understand
from workflows.catalogue import Catalogue

CATALOGUE = Catalogue()


@pytest.mark.parametrize(
    ("text", "workflow"),
    [
        ("I need to install Zoom on my laptop for council meetings", "software"),
        ("could you install dropbox on my laptop for me?", "software"),
        ("can someone please put zoom on the office pc?", "software"),
        ("is zoom allowed?", None),  # whether it may be: a question
        ("can I install software on my laptop?", None),  # asks the rule, names nothing
        ("what should I do if I think my laptop has a virus?", None),
        # Questions without their question mark are still questions.
        ("whos in charge of taking down defamatory posts on the council facebook", None),
        ("can a defamatory post on our page be taken down without warning them", None),
        ("can i have a quick game of solitaire on the pc when its quiet?", None),
        # Reports say what is happening more often than "virus".
        ("my screen just went red and says all my files are encrypted", "virus"),
        ("a comment under our bonfire post calling the clerk a liar", "abusive_post"),
    ],
)
def test_asking_for_something_starts_it_and_asking_whether_does_not(
    text: str, workflow: str | None
) -> None:
    understood = understand(text, CATALOGUE)
    assert (understood.spec.key if understood.spec else None) == workflow


def test_what_the_message_says_is_parsed_as_the_form_would() -> None:
    understood = understand("someone posted on facebook calling the clerk a liar", CATALOGUE)
    assert understood.spec is not None and understood.spec.key == "abusive_post"
    assert understood.prefill == {
        "platform": "facebook",
        "content": "the clerk a liar",
        "target": "staff",
    }


def test_an_answer_the_form_would_refuse_is_left_to_be_asked() -> None:
    # "facebook.com/..." has no https://: the form asks for the link rather than guess.
    text = "there's a nasty post at facebook.com/ourpage/posts/1 about the mayor"
    understood = understand(text, CATALOGUE)
    assert understood.spec is not None and "link" not in understood.prefill


def test_by_meaning_a_report_in_none_of_the_workflows_words_starts_it() -> None:
    from bot.app import intent_reader
    from bot.settings import Settings

    reader = intent_reader(Settings(_env_file=None))
    assert reader is not None
    text = "the laptop fan is roaring and windows keep opening by themselves"
    assert understand(text, CATALOGUE).spec is None  # no workflow's own words
    understood = understand(text, CATALOGUE, reader)
    assert understood.spec is not None and understood.spec.key == "virus"
    # A question about the same stays a question, however close in meaning.
    assert understand("what do i do if my laptop fan is roaring", CATALOGUE, reader).spec is None
