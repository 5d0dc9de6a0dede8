"""Untrusted text made safe for Slack's mrkdwn, and long text split without losing any.

Slack reads `<!channel>`, `<@U123>` and `<https://evil|gov.uk>` as pings and links, so
every piece of user- or policy-supplied text is escaped (&, <, >) before it is shown.
"""

from __future__ import annotations

import re

#: Where a long text may be split, best first: between paragraphs, lines, sentences, words.
_BREAKS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"')\]\u201d\u2019]*\s+"),
    re.compile(r"\s+"),
)
#: An escaped character (`&amp;`) must not be split between two pieces.
_ENTITY = re.compile(r"&[a-z]{0,4}$")


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(text: str, limit: int) -> str:
    """Text for a plain_text field, cut to Slack's limit with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def chunks(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` characters that join back to it exactly.

    Each piece ends at a paragraph break if one falls in its second half, else at a line
    break, a sentence's end or a space; a word longer than `limit` is cut where it must.
    """
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = _cut(rest, limit)
        pieces.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        pieces.append(rest)
    return pieces


def _cut(text: str, limit: int) -> int:
    """Where the first piece of `text` ends: after the best break within `limit`."""
    window = text[:limit]
    for pattern in _BREAKS:
        # A break early in the window would leave a short piece and one more block:
        # take it only in the window's second half, or as the last resort (spaces).
        ends = [m.end() for m in pattern.finditer(window)]
        if ends and (ends[-1] > limit // 2 or pattern is _BREAKS[-1]):
            return ends[-1]
    entity = _ENTITY.search(window)
    return entity.start() if entity and entity.start() > 0 else limit
