from __future__ import annotations

import pytest

from knowledge.analyzer import words
from knowledge.intent import ACTOR, CONSEQUENCE, asked, gives


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("who runs the council's facebook page?", (ACTOR,)),
        ("Whose job is it to update the website", (ACTOR,)),
        ("what's going to happen to a volunteer who posts something awful", (ACTOR, CONSEQUENCE)),
        ("whats gonna happen if i forget to lock my pc", (CONSEQUENCE,)),
        ("would I get in trouble for gaming at lunch?", (CONSEQUENCE,)),
        ("any consequences for using my own email?", (CONSEQUENCE,)),
        ("can I take the laptop home?", ()),
        ("is the wholesale supplier list confidential?", ()),  # "who" only as a whole word
    ],
)
def test_question_framing_asks_for_a_kind_of_answer(question: str, kinds: tuple[object]) -> None:
    assert asked(question) == kinds


def test_a_clause_gives_the_kind_it_names() -> None:
    clerk = set(words("The Clerk is responsible for dealing with email received."))
    rule = set(words("Use must be minimal and take place out of normal working hours."))
    sanction = set(words("Breach of this policy may result in disciplinary action."))
    assert gives(clerk, (ACTOR,))
    assert not gives(rule, (ACTOR,))
    assert gives(sanction, (ACTOR, CONSEQUENCE))
    assert not gives(clerk, ())
