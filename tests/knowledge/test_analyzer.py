from __future__ import annotations

from knowledge.analyzer import Analyzer, stem, words
from knowledge.lexicon import load_lexicon, parse_stop_words, parse_synonyms
from knowledge.library import Library


def test_words_drop_possessives_and_apostrophes() -> None:
    assert words("The Council's PC, don't e-mail!") == ["the", "council", "pc", "dont", "e", "mail"]


def test_every_synonym_term_tokenises() -> None:
    for group in load_lexicon().groups:
        assert group.name
        for term in group.terms:
            assert words(term), f"{group.name}: {term!r} has no words"


def test_synonym_phrases_tag_clause_and_question_alike(library: Library) -> None:
    analyzer = library.analyzer
    clause = analyzer.terms("This includes any USB flash drive, tablet, smartphone")
    query = analyzer.query("can I use a memory stick from home?")
    assert "~usb" in clause
    assert "~usb" in query.terms()


def test_implications_apply_to_questions_only(library: Library) -> None:
    analyzer = library.analyzer
    assert "~social-media" in analyzer.query("can I post on my insta?").terms()
    assert "~social-media" not in analyzer.terms("Instagram")
    unit = next(u for u in analyzer.query("my insta").units if u.word == "insta")
    assert "~social-media" in unit.implied


def test_stop_words_are_dropped_but_phrases_still_match(library: Library) -> None:
    query = library.analyzer.query("can I take it home over the weekend?")
    assert "take" in [u.word for u in query.units]
    assert "it" not in [u.word for u in query.units]
    assert "~remove-premises" in query.terms()  # "take it home"


def test_typos_are_repaired_but_real_words_kept(library: Library) -> None:
    analyzer = library.analyzer
    assert analyzer.repair("recieve") == "receive"
    assert analyzer.repair("facbook") == "facebook"
    assert analyzer.repair("pension") == "pension"  # a real word the policies lack
    assert analyzer.repair("cllr") == "cllr"  # known through the synonym table


def test_stems_conflate_inflections() -> None:
    assert stem("installing") == stem("installed") == stem("install")


def test_data_parsers() -> None:
    assert parse_stop_words("a b # c\n# d\ne") == frozenset({"a", "b", "e"})
    groups = parse_synonyms('[[same]]\nname="x"\nterms=["a"]\n[[implies]]\nname="y"\nterms=["b"]')
    assert [(g.name, g.one_way) for g in groups] == [("x", False), ("y", True)]


def test_analyzer_learns_vocabulary() -> None:
    analyzer = Analyzer(load_lexicon())
    analyzer.learn(["skatepark"])
    assert analyzer.repair("skatepak") == "skatepark"
