"""The app factory picks the judge: semantic by default, words only when asked or when the
model cannot load (with one warning), and the desk reads the clauses the Clerk names."""

from __future__ import annotations

import pytest

from bot.app import answerer, clause_finder
from bot.settings import Settings
from knowledge.judging import LexicalJudge, SemanticJudge
from knowledge.library import Library
from knowledge.semantic import load as semantic_load


def test_the_semantic_layer_is_on_by_default(library: Library) -> None:
    assert isinstance(answerer(Settings(_env_file=None), library).judge, SemanticJudge)


def test_words_only_when_the_setting_says_so(library: Library) -> None:
    settings = Settings(_env_file=None, semantic=False)
    assert isinstance(answerer(settings, library).judge, LexicalJudge)


def test_a_model_that_cannot_load_means_words_only_and_still_answers(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(semantic_load, "shared_encoder", lambda: None)
    built = answerer(Settings(_env_file=None), library)
    assert isinstance(built.judge, LexicalJudge)
    found = built.ask("can I use a USB stick?", "watton")
    assert found.answered and found.citations[0].clause_id == "watton/5.3"


def test_the_desk_reads_a_clause_the_clerk_names(library: Library) -> None:
    find = clause_finder(library)
    found = find("watton", " §5.3 ")
    assert found is not None and found[0] == "watton/5.3"
    assert found[1].startswith("§5.3: \u201cYou must not attach any device")
    assert find("watton", "virus controls, point 3") is None  # that is Crewe's
    assert find("crewe", "virus controls, point 3") is not None
    assert find("watton", "§99") is None
