"""Untrusted text made safe for Slack's mrkdwn.

Slack reads `<!channel>`, `<@U123>` and `<https://evil|gov.uk>` as pings and links, so
every piece of user- or policy-supplied text is escaped (&, <, >) before it is shown.
"""

from __future__ import annotations


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(text: str, limit: int) -> str:
    """Text for a plain_text field, cut to Slack's limit with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def chunks(text: str, limit: int) -> list[str]:
    """Split at line breaks (or, failing that, spaces) into pieces of at most `limit`."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut])
        rest = rest[cut:].lstrip("\n ")
    if rest:
        pieces.append(rest)
    return pieces
