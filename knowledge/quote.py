"""Quoting: a clause's most relevant sentence(s), verbatim."""

from __future__ import annotations

from knowledge.analyzer import Query, sentences
from knowledge.config import DEFAULT
from knowledge.index import CouncilIndex
from knowledge.lexical import coverage


def best_quote(
    text: str, query: Query, index: CouncilIndex, quote_chars: int = DEFAULT.quote_chars
) -> str:
    """The clause's most relevant sentence(s), verbatim, within quote_chars when possible."""
    parts = sentences(text)
    if len(text) <= quote_chars or len(parts) == 1:
        return text
    analyzer = index.analyzer
    scores = [coverage(query, set(analyzer.terms(s)), index) for s in parts]
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    quote = parts[best]
    for j in (best + 1, best - 1):
        if 0 <= j < len(parts) and scores[j] > 0:
            joined = " ".join(parts[min(j, best) : max(j, best) + 1])
            if len(joined) <= quote_chars:
                quote = joined
                break
    return quote
