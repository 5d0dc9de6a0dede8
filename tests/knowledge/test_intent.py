from __future__ import annotations

import pytest

from knowledge.analyzer import words
from knowledge.intent import ACTOR, CONSEQUENCE, PROCEDURE, asked, asks_scope, describes, gives


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("who runs the council's facebook page?", (ACTOR,)),
        ("Whose job is it to update the website", (ACTOR,)),
        ("what's going to happen to a volunteer who posts something awful", (ACTOR, CONSEQUENCE)),
        ("whats gonna happen if i forget to lock my pc", (CONSEQUENCE,)),
        ("would I get in trouble for gaming at lunch?", (CONSEQUENCE,)),
        ("any consequences for using my own email?", (CONSEQUENCE,)),
        ("think my pc has a virus, what should i do?", (PROCEDURE,)),
        ("who do I tell if I lose the council phone", (ACTOR, PROCEDURE)),
        ("can I take the laptop home?", ()),
        ("is the wholesale supplier list confidential?", ()),  # "who" only as a whole word
    ],
)
def test_question_framing_asks_for_a_kind_of_answer(question: str, kinds: tuple[object]) -> None:
    assert asked(question) == kinds


def test_a_clause_saying_what_to_do_gives_a_procedure() -> None:
    act = set(
        words("the equipment should be switched off and isolated until the virus can be eliminated")
    )
    define = set(words("Viruses are undesirable pieces of computer code that can corrupt systems."))
    assert gives(act, (PROCEDURE,))
    assert not gives(define, (PROCEDURE,))


def test_a_clause_gives_the_kind_it_names() -> None:
    clerk = set(words("The Clerk is responsible for dealing with email received."))
    rule = set(words("Use must be minimal and take place out of normal working hours."))
    sanction = set(words("Breach of this policy may result in disciplinary action."))
    assert gives(clerk, (ACTOR,))
    assert not gives(rule, (ACTOR,))
    assert gives(sanction, (ACTOR, CONSEQUENCE))
    assert not gives(clerk, ())


RULE_WORDS = frozenset({"must", "should", "not", "may"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This policy outlines the standards you must observe when using these systems.", True),
        ('"Computer data" means any information stored and processed by computer.', True),
        ("Social media is the term for online tools, websites and interactive media.", True),
        ("Image and video sharing sites, such as YouTube and Flickr", True),
        ("Never post any information that may violate laws, such as libel and copyright.", False),
        ("Permission to publish photographs should be sought from the persons in them.", False),
    ],
)
def test_descriptions_and_definitions_are_told_from_rules(text: str, expected: bool) -> None:
    assert describes(text, frozenset(words(text)), RULE_WORDS) is expected


def test_scope_questions_are_recognised() -> None:
    assert asks_scope("does this policy apply to volunteers?")
    assert asks_scope("Is WhatsApp covered?")
    assert not asks_scope("can i share a photo from the local news page onto our fb")
