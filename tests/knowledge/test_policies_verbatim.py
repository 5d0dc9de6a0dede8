"""The five bundled policies against their sources: every clause and its context verbatim, no
layout left in the text."""

from __future__ import annotations

import pytest

from tests.knowledge.policy_support import CLAUSE_COUNTS, documents, norm, source_text

# -- verbatim ----------------------------------------------------------------------------------


@pytest.mark.parametrize("council", sorted(CLAUSE_COUNTS))
def test_clause_text_verbatim_from_source(council: str) -> None:
    document = documents()[council]
    source = norm(source_text(document))
    missing = [c.id for c in document.clauses if norm(c.text) not in source]
    assert missing == [], f"{council}: clause text not found in {document.info.source}"


@pytest.mark.parametrize("council", sorted(CLAUSE_COUNTS))
def test_context_verbatim_from_source(council: str) -> None:
    document = documents()[council]
    source = norm(source_text(document))
    missing = [c.id for c in document.clauses for ctx in c.context if norm(ctx) not in source]
    assert missing == []


@pytest.mark.parametrize("council", sorted(CLAUSE_COUNTS))
def test_no_layout_furniture_in_text(council: str) -> None:
    bad = [
        c.id
        for c in documents()[council].clauses
        if "**" in c.text or "➤" in c.text or c.text.startswith("> ") or "\t" in c.text
    ]
    assert bad == []


@pytest.mark.parametrize("council", sorted(CLAUSE_COUNTS))
def test_no_empty_clause_text(council: str) -> None:
    assert all(c.text.strip() for c in documents()[council].clauses)
