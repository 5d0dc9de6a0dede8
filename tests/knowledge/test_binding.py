"""Binding topics to clauses: the phrasings vote with the answerer's confidence, nothing is
bound below the threshold, and the Clerk's override file names clauses by label or id, or
none, with a clear error for what the policy doesn't have."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from knowledge.analyzer import Query
from knowledge.answer import Answerer
from knowledge.binding import THRESHOLD, Binding, OverrideError, Topic, bind, read_overrides
from knowledge.check import check_folder
from knowledge.index import CouncilIndex
from knowledge.judging import Asking, Judgement
from knowledge.library import Library, bundled_policies

VIRUS = Topic(
    "virus.suspected",
    (
        "what to do if you suspect a virus",
        "my computer might have a virus, what should I do",
        "what should happen to equipment with a suspected virus",
    ),
)
PHOTOS = Topic(
    "press_release.photographs", ("can I give photographs of council matters to the press",)
)
TOPICS = (VIRUS, PHOTOS)


def ids(binding: Binding) -> tuple[str, ...]:
    return tuple(c.id for c in binding.clauses)


def test_the_clause_the_phrasings_agree_on_is_bound(answerer: Answerer) -> None:
    found = bind(answerer, ["watton", "crewe"], [VIRUS])
    [watton], [crewe] = found["watton"], found["crewe"]
    assert ids(watton) == ("watton/5.4",) and ids(crewe) == ("crewe/virus-controls/3",)
    assert watton.confidence >= THRESHOLD and not watton.overridden and watton.guess is None


def test_nothing_is_bound_where_the_policy_is_silent(answerer: Answerer) -> None:
    [croft] = bind(answerer, ["croft"], [VIRUS])["croft"]
    assert croft.clauses == () and croft.confidence < THRESHOLD
    assert croft.guess is not None and croft.guess.council == "croft"


def test_a_phrasings_vote_is_the_answerers_confidence_in_its_best_clause(
    answerer: Answerer,
) -> None:
    [binding] = bind(answerer, ["watton"], [PHOTOS])["watton"]
    answer = answerer.ask(PHOTOS.phrasings[0], "watton")
    assert binding.confidence == pytest.approx(answer.confidence, abs=0.001)
    assert ids(binding) == (answer.citations[0].clause_id,) == ("watton/3.4",)


def test_binding_is_the_same_every_time(answerer: Answerer) -> None:
    first = bind(answerer, ["watton", "croft", "rugeley"], TOPICS)
    assert bind(answerer, ["watton", "croft", "rugeley"], TOPICS) == first


# The Clerk's override file ---------------------------------------------------------------


class Refuses:
    """A judge that must not be asked: every topic is named in the override file."""

    compares_councils = False

    def asking(self, question: str, query: Query) -> Asking:
        raise AssertionError(f"asked {question!r}")

    def judge(
        self, asking: Asking, index: CouncilIndex, others: Sequence[CouncilIndex]
    ) -> Judgement:
        raise AssertionError("judged")

    def learn(self, example: object) -> None:
        raise AssertionError("taught")


def overriding(tmp_path: Path, text: str) -> Path:
    (tmp_path / "watton.topics.toml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("named", "expected"),
    [
        ('"§5.3"', ("watton/5.3",)),
        ('"5.3"', ("watton/5.3",)),
        ('"watton/5.3"', ("watton/5.3",)),
        ('["§5.4", "§5.3"]', ("watton/5.4", "watton/5.3")),
        ('"none"', ()),
        ('"None"', ()),
    ],
)
def test_the_override_file_names_clauses_by_label_or_id_or_none(
    tmp_path: Path, library: Library, named: str, expected: tuple[str, ...]
) -> None:
    folder = overriding(tmp_path, f"[virus]\nsuspected = {named}\n")
    overrides = read_overrides(folder / "watton.topics.toml", library, "watton", TOPICS)
    assert {k: tuple(c.id for c in v) for k, v in overrides.items()} == {
        "virus.suspected": expected
    }


def test_overridden_topics_are_not_asked(tmp_path: Path, library: Library) -> None:
    folder = overriding(
        tmp_path, '[virus]\nsuspected = "none"\n[press_release]\nphotographs = "§3.4"\n'
    )
    found = bind(Answerer(library, judge=Refuses()), ["watton"], TOPICS, folder)["watton"]
    assert [(b.topic, ids(b), b.overridden, b.confidence) for b in found] == [
        ("virus.suspected", (), True, 1.0),
        ("press_release.photographs", ("watton/3.4",), True, 1.0),
    ]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[virus]\nsuspected = "§55.1"\n', "virus.suspected names '§55.1', which is not a clause"),
        ('[virus]\nsuspected = "Virus Controls, point 3"\n', "not a clause of watton's policy"),
        ('[virus]\nsuspected = ["§5.4", "none"]\n', "names 'none', which is not a clause"),
        ('[virus]\nsuspectd = "§5.4"\n', "no workflow has the topic 'virus.suspectd'"),
        ("[virus]\nsuspected = 5.4\n", "should be a clause's label or id"),
        ('virus = "§5.4"\n', "'virus' should be a [virus] table"),
        ("[virus\n", "not a readable TOML file"),
    ],
)
def test_an_override_naming_what_is_not_there_is_a_clear_error(
    tmp_path: Path, library: Library, answerer: Answerer, text: str, says: str
) -> None:
    folder = overriding(tmp_path, text)
    with pytest.raises(OverrideError, match=r"^watton\.topics\.toml: ") as raised:
        bind(answerer, ["watton"], TOPICS, folder)
    assert says in str(raised.value)


def test_override_files_are_not_policies(tmp_path: Path) -> None:
    shutil.copy(bundled_policies() / "watton.md", tmp_path)
    overriding(tmp_path, '[virus]\nsuspected = "none"\n')
    assert list(Library.load(tmp_path).indexes) == ["watton"]
    assert [r.path.name for r in check_folder(tmp_path)] == ["watton.md"]
