"""The catalogue of workflows: intents, the topics each rests on, and its declarations."""

from __future__ import annotations

import re

import pytest

from knowledge.library import Library
from tests.workflows.bindings import EXPECTED, policy
from workflows.catalogue import Catalogue
from workflows.press_release import CHECKS
from workflows.roles import DECIDERS, EVERYONE, Role
from workflows.spec import WorkflowSpec
from workflows.topics import topics, topics_of

CATALOGUE = Catalogue()
SPECS = list(CATALOGUE)


def ids(specs: list[WorkflowSpec]) -> list[str]:
    return [s.key for s in specs]


def test_the_five_workflows() -> None:
    assert ids(SPECS) == ["software", "virus", "press_release", "abusive_post", "question"]
    assert {s.prefix for s in SPECS} == {"SW", "VR", "PR", "AB", "QU"}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("I need to install Zoom", "software"),
        ("I'd like to download Audacity for the minutes", "software"),
        ("please install Teams on my PC", "software"),
        ("software request", "software"),
        ("I think my laptop has a virus", "virus"),
        ("I suspect the office PC is infected", "virus"),
        ("my email has been hacked", "virus"),
        ("report a suspected virus", "virus"),
        ("someone posted something nasty about the clerk", "abusive_post"),
        ("there's an abusive comment on our Facebook page", "abusive_post"),
        ("a resident keeps posting threats about Cllr Jones", "abusive_post"),
        ("I want to put out a press release", "press_release"),
        ("I would like to issue a personal press release", "press_release"),
        ("ask the clerk", "question"),
        ("I've got a question for the clerk", "question"),
    ],
)
def test_intents_start_the_right_workflow(text: str, key: str) -> None:
    spec = CATALOGUE.intended(text)
    assert spec is not None and spec.key == key


@pytest.mark.parametrize(
    "text",
    [
        "can I use a USB stick?",
        "what is the policy on passwords?",
        "can councillors use their personal email for council business?",
        "Can I install software on my laptop?",
        "who is the press officer?",
        "hello",
        "thanks",
        "the Clerk approved the budget",
        "ask the clerk about the budget",
        "should I ask the clerk?",
    ],
)
def test_plain_policy_questions_start_nothing(text: str) -> None:
    assert CATALOGUE.intended(text) is None


@pytest.mark.parametrize("spec", SPECS, ids=ids(SPECS))
def test_every_workflow_declares_the_topics_it_rests_on(spec: WorkflowSpec) -> None:
    declared = topics_of(spec.key)
    assert any(t.cited for t in declared), "a workflow cites at least one topic"
    for topic in declared:
        assert topic.about and len(topic.phrasings) >= 2, topic.key
        assert re.fullmatch(r"[a-z_]+", topic.name), topic.key
    assert len({t.name for t in declared}) == len(declared)


def test_every_topic_belongs_to_a_workflow_and_every_check_has_its_topic() -> None:
    assert {t.workflow for t in topics()} == set(ids(SPECS))
    checked = {t.name for t in topics_of("press_release") if not t.cited}
    assert checked == set(CHECKS)


def test_the_bundled_councils_clauses_exist_in_the_policy_library(library: Library) -> None:
    keys = {t.key for t in topics()}
    for council, bound in EXPECTED.items():
        assert council in library.indexes
        for key, clause_ids in bound.items():
            assert key in keys and clause_ids, key
            for clause_id in clause_ids:
                clause = library.clause(clause_id)
                assert clause is not None and clause.council == council, clause_id


@pytest.mark.parametrize(
    ("key", "council", "words"),
    [
        ("software", "crewe", "No software should be loaded onto the Council's equipment"),
        ("software", "flitwick", "without the permission of the Town Clerk"),
        ("software", "watton", "without the proper authorisation of The Clerk"),
        ("virus", "crewe", "switched off and isolated"),
        ("virus", "watton", "inform the IT Service Provider"),
        ("press_release", "watton", "signed personally without the word Councillor"),
        ("press_release", "croft", "Press Officer"),
        ("abusive_post", "rugeley", "moderator"),
        ("abusive_post", "crewe", "moderator"),
    ],
)
def test_the_cited_clauses_say_what_the_workflow_rests_on(
    key: str, council: str, words: str, library: Library
) -> None:
    spec = CATALOGUE.get(key)
    assert spec is not None
    cited = policy(spec, council).cited
    texts = [c.text for c in (library.clause(i) for i in cited) if c is not None]
    assert any(words.casefold() in t.casefold() for t in texts), texts


@pytest.mark.parametrize("spec", SPECS, ids=ids(SPECS))
def test_decisions_are_consistent_with_the_states(spec: WorkflowSpec) -> None:
    keys = [d.key for d in spec.decisions]
    assert len(keys) == len(set(keys)), "decision keys are unique within a workflow"
    assert all(re.fullmatch(r"[a-z_]+", k) for k in keys), "keys are safe in a button value"
    # Every state a request can reach from its first one, following the decisions.
    reachable, frontier = {spec.initial_state}, [spec.initial_state]
    while frontier:
        state = frontier.pop()
        for decision in spec.decisions:
            if state in decision.from_states and decision.to_state not in reachable:
                reachable.add(decision.to_state)
                frontier.append(decision.to_state)
    for decision in spec.decisions:
        assert decision.from_states, decision.key
        assert set(decision.from_states) <= reachable, decision.key
        assert decision.to_state not in decision.from_states, decision.key
        assert decision.verb, decision.key
        assert decision.note in ("none", "required"), decision.key
        assert bool(decision.note_prompt) == (decision.note == "required"), decision.key
        if decision.final:
            # A closed request takes no further decision.
            assert not any(decision.to_state in d.from_states for d in spec.decisions)
    assert any(spec.initial_state in d.from_states for d in spec.decisions)
    assert any(d.final for d in spec.decisions), "something ends the request"


def test_a_request_that_asks_for_information_can_come_back_to_pending() -> None:
    # The requester's answer puts it back to "pending" (workflows.desk.answer_question).
    software = CATALOGUE.get("software")
    assert software is not None
    ask = software.decision("ask")
    assert ask is not None and ask.to_state == "info_requested" and not ask.final
    assert software.initial_state == "pending"


def test_request_prefixes_are_unique_and_find_their_workflow() -> None:
    prefixes = [s.prefix for s in SPECS]
    assert len(prefixes) == len(set(prefixes))
    for spec in SPECS:
        assert re.fullmatch(r"[A-Z]{2}", spec.prefix)
        assert CATALOGUE.for_request(f"{spec.prefix}-0042") is spec
        assert CATALOGUE.for_request(f"{spec.prefix.lower()}-7") is spec
    assert CATALOGUE.for_request("XX-0001") is None
    assert CATALOGUE.get("nope") is None


@pytest.mark.parametrize("spec", SPECS, ids=ids(SPECS))
def test_each_workflow_declares_its_form(spec: WorkflowSpec) -> None:
    names = [f.name for f in spec.fields]
    assert len(names) == len(set(names))
    assert all(not n.startswith("_") for n in names), "_ is for what the desk adds"
    for field in spec.fields:
        assert field.prompt and field.example and field.label
        if not field.optional:
            # The example is itself a valid answer, so "For example" never misleads.
            field.parse(field.example)
    assert spec.deciders == DECIDERS
    assert spec.title and spec.start_label and spec.summary and spec.intents


def test_who_may_start_each_workflow() -> None:
    starters = {s.key: s.starters for s in SPECS}
    assert starters == {
        "software": EVERYONE,
        "virus": EVERYONE,
        "press_release": frozenset({Role.COUNCILLOR}),
        "abusive_post": EVERYONE,
        "question": EVERYONE,
    }


def test_only_the_virus_report_is_urgent_and_tells_it() -> None:
    assert [(s.key, s.urgent, s.notify_it) for s in SPECS if s.urgent or s.notify_it] == [
        ("virus", True, True)
    ]
