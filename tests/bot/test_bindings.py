"""The workflows' topics bound in the five bundled councils: with the override files, exactly
as the workflows cited them before topics; by the engine alone, most of them; once per
process; and handed to the workflows as plain data."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import bindings
from bot.app import catalogue
from bot.settings import Settings
from knowledge.answer import Answerer
from knowledge.binding import Binding
from knowledge.library import Library, bundled_policies
from tests.workflows.bindings import EXPECTED
from workflows.topics import topics

COUNCILS = ("crewe", "croft", "flitwick", "rugeley", "watton")
#: What the engine binds right on its own, of the 5 councils x 12 topics (45 when measured).
ENGINE_ALONE_AT_LEAST = 42


def table(found: dict[str, list[Binding]]) -> dict[str, dict[str, tuple[str, ...]]]:
    return {
        council: {b.topic: tuple(c.id for c in b.clauses) for b in bound if b.clauses}
        for council, bound in found.items()
    }


def test_with_the_override_files_every_council_binds_as_its_workflows_did(
    answerer: Answerer,
) -> None:
    assert table(bindings.resolve(answerer, COUNCILS, bundled_policies())) == EXPECTED


def test_the_engine_alone_binds_most_of_them(answerer: Answerer) -> None:
    found = table(bindings.resolve(answerer, COUNCILS, None))
    cells = [(c, t.key) for c in COUNCILS for t in topics()]
    wrong = [
        (c, key, found[c].get(key, ()))
        for c, key in cells
        if found[c].get(key, ()) != EXPECTED[c].get(key, ())
    ]
    right = len(cells) - len(wrong)
    print(f"the engine alone: {right}/{len(cells)} right; wrong: {wrong}")
    assert len(cells) == 60 and right >= ENGINE_ALONE_AT_LEAST, wrong


def test_bindings_are_worked_out_once_per_library_and_override_files(
    answerer: Answerer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = bindings.resolve(answerer, ["watton"], tmp_path)

    def ask_again(*args: object) -> dict[str, list[Binding]]:
        raise AssertionError("asked again")

    monkeypatch.setattr(bindings, "bind", ask_again)
    assert bindings.resolve(answerer, ["watton"], tmp_path) == first
    (tmp_path / "watton.topics.toml").write_text('[virus]\nsuspected = "§5.3"\n', "utf-8")
    with pytest.raises(AssertionError, match="asked again"):  # the file changed: bound anew
        bindings.resolve(answerer, ["watton"], tmp_path)


def test_the_workflows_get_plain_clauses_in_the_policys_order(answerer: Answerer) -> None:
    resolved = bindings.resolve(answerer, ["rugeley"], bundled_policies())
    policy = bindings.for_workflows(resolved).policy("rugeley", "abusive_post")
    assert policy.cited == ("rugeley/4.5", "rugeley/5.3", "rugeley/5.4")
    [moderator, clerk] = policy.on("removal")
    assert (moderator.label, clerk.label) == ("§4.5", "§5.4")
    assert clerk.text.startswith("The Town Council supports community interaction")


def test_the_app_binds_the_council_it_serves(answerer: Answerer) -> None:
    settings = Settings(_env_file=None, council="croft")
    workflows = catalogue(settings, answerer)
    virus = workflows.policy("croft", "virus")
    assert virus.cited == () and virus.silent == ("what to do when a virus is suspected",)
    assert workflows.policy("croft", "software").cited == ("croft/3(t)",)
    assert workflows.policy("watton", "software").cited == ()  # not this deployment's


def test_words_only_binds_too(lexical_answerer: Answerer, library: Library) -> None:
    found = table(bindings.resolve(lexical_answerer, ["watton"], None))
    assert found["watton"]["virus.suspected"] == ("watton/5.4",)
