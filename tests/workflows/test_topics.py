"""The workflows' topics, and what one council's policy says on them: the clauses cited at a
workflow's start come in the policy's order, once each; the topics it is silent on are said."""

from __future__ import annotations

from workflows.catalogue import Catalogue
from workflows.topics import Bindings, BoundClause, topics, topics_of

FIRST = BoundClause("ashby/1.1", "§1.1", "The first clause.", order=0)
SECOND = BoundClause("ashby/2.1", "§2.1", "The second clause.", order=5)
CHECKED = BoundClause("ashby/3.1", "§3.1", 'Add "These are my views only".', order=9)


def test_the_topics_are_read_from_the_data_file_in_its_order() -> None:
    keys = [t.key for t in topics()]
    assert keys[0] == "software.permission" and keys[-1] == "question.requests"
    assert len(keys) == len(set(keys))
    assert [t.name for t in topics_of("abusive_post")] == ["removal", "reporting"]
    assert all(t.cited for t in topics_of("software"))
    assert not any(t.cited for t in topics_of("press_release") if t.name == "statement")


def test_cited_clauses_come_in_the_policys_order_once_each() -> None:
    bindings = Bindings(
        {"ashby": {"abusive_post.reporting": (SECOND, FIRST), "abusive_post.removal": (SECOND,)}}
    )
    policy = bindings.policy("ashby", "abusive_post")
    assert policy.cited == ("ashby/1.1", "ashby/2.1")
    assert policy.silent == ()
    assert policy.on("removal") == (SECOND,)


def test_a_topic_only_a_check_rests_on_is_not_cited() -> None:
    bound = {"press_release.statement": (CHECKED,), "press_release.approval": (FIRST,)}
    policy = Bindings({"ashby": bound}).policy("ashby", "press_release")
    assert policy.cited == ("ashby/1.1",)
    assert policy.on("statement") == (CHECKED,)


def test_the_cited_topics_a_policy_is_silent_on_are_named() -> None:
    bound = {"press_release.approval": (FIRST,)}
    policy = Bindings({"ashby": bound}).policy("ashby", "press_release")
    assert policy.silent == ("councillors' personal press releases",)
    nothing = Bindings().policy("ashby", "virus")
    assert (nothing.council, nothing.cited) == ("ashby", ())
    assert nothing.silent == ("what to do when a virus is suspected",)


def test_another_councils_bindings_are_not_read() -> None:
    bindings = Bindings({"ashby": {"virus.suspected": (FIRST,)}})
    assert bindings.policy("ashby", "virus").cited == ("ashby/1.1",)
    assert bindings.policy("barton", "virus").cited == ()
    assert Catalogue(bindings=bindings).policy("ashby", "virus").cited == ("ashby/1.1",)
    assert Catalogue().policy("ashby", "virus").cited == ()
