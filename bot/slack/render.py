"""Reply -> Block Kit, built with slack_sdk.models so limits are checked before sending. Pure.

Everything shown is escaped for mrkdwn (bot.slack.mrkdwn): request fields, quotes, names.
Long replies are split: sections at 3,000 characters, messages at 50 blocks and ~12k chars.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.core.present import citation_line
from bot.messages import Button, Reply, ReplyKind
from bot.slack import ids
from bot.slack.mrkdwn import chunks, escape, plain

SECTION_CHARS = 3000
FIELD_CHARS = 2000
MESSAGE_BLOCKS = 50
#: Slack refuses messages whose blocks total much more than this (msg_blocks_too_long).
MESSAGE_CHARS = 11_000
_BUTTONS_PER_ROW = 5
_SECTION_FIELDS = 4000

_MARK = {
    ReplyKind.WARNING: ":warning: ",
    ReplyKind.ERROR: ":x: ",
    ReplyKind.REQUEST: ":inbox_tray: ",
}

Payload = dict[str, Any]


def blocks(reply: Reply, *, feedback: bool = False, share: str | None = None) -> list[Block]:
    """The blocks of one reply; `feedback` adds 👍/👎, `share` a "Share in channel" button."""
    out = _text(reply)
    out += _quote(reply)
    out += _notes(reply)
    out += _fields(reply)
    out += _buttons(reply.buttons)
    if share is not None:
        out.append(_share(share))
    if feedback and reply.question and reply.kind in (ReplyKind.ANSWER, ReplyKind.NO_ANSWER):
        out.append(_feedback(reply))
    return out


def messages(reply: Reply, *, feedback: bool = False, share: str | None = None) -> list[Payload]:
    """chat.postMessage arguments (text + blocks), split when one message can't hold it all."""
    return pack(blocks(reply, feedback=feedback, share=share), fallback(reply))


def pack(all_blocks: Sequence[Block], text: str) -> list[Payload]:
    batches: list[list[Payload]] = [[]]
    size = 0
    for block in all_blocks:
        as_dict = block.to_dict()  # validates Block Kit limits; raises before anything is sent
        cost = len(json.dumps(as_dict))
        if batches[-1] and (len(batches[-1]) >= MESSAGE_BLOCKS or size + cost > MESSAGE_CHARS):
            batches.append([])
            size = 0
        batches[-1].append(as_dict)
        size += cost
    return [{"text": text, "blocks": batch} for batch in batches if batch]


def fallback(reply: Reply) -> str:
    """The notification text (and what screen readers hear first)."""
    first = reply.text.splitlines()[0] if reply.text else reply.kind.value
    return escape(plain(first, 300))


def _text(reply: Reply) -> list[Block]:
    if not reply.text:
        return []
    mark = _MARK.get(reply.kind, "")
    if reply.urgent and not mark:
        mark = ":rotating_light: "
    lines = escape(reply.text).splitlines()
    if reply.kind in (ReplyKind.REQUEST, ReplyKind.SUMMARY) and lines:
        lines[0] = f"*{lines[0]}*"
    return _sections(mark + "\n".join(lines))


def _quote(reply: Reply) -> list[Block]:
    if not reply.quote:
        return []
    top = reply.citations[0] if reply.citations else None
    lines: list[str] = []
    if reply.kind is ReplyKind.ANSWER and top is not None and top.context:
        lines.append(f"_(under: \u201c{escape(top.context[-1])}\u201d)_")
    lines += ["> " + escape(line) if line.strip() else ">" for line in reply.quote.splitlines()]
    return _sections("\n".join(lines))


def _notes(reply: Reply) -> list[Block]:
    out: list[Block] = []
    top = reply.citations[0] if reply.citations else None
    if top is not None and top.freshness:
        out.append(_context(f":hourglass: {escape(top.freshness)}"))
    related = reply.citations[1:3]
    if reply.kind is ReplyKind.ANSWER and related:
        items = [f"*{escape(c.label)}* \u2014 {escape(_short(c.quote))}" for c in related]
        out.append(_context("Related: " + " \u00b7 ".join(items)))
    elif related:
        out.append(_context("See also " + "; ".join(escape(citation_line(c)) for c in related)))
    return out


def _fields(reply: Reply) -> list[Block]:
    cells = [
        MarkdownTextObject(text=plain(f"*{escape(r.label)}*\n{escape(r.value)}", FIELD_CHARS))
        for r in reply.fields
    ]
    # At most 10 fields a section, and few enough characters that one section always fits
    # in a message (ten full fields would be 20,000).
    sections: list[list[MarkdownTextObject]] = [[]]
    size = 0
    for cell in cells:
        if sections[-1] and (len(sections[-1]) == 10 or size + len(cell.text) > _SECTION_FIELDS):
            sections.append([])
            size = 0
        sections[-1].append(cell)
        size += len(cell.text)
    return [SectionBlock(fields=group) for group in sections if group]


def _buttons(buttons: Sequence[Button]) -> list[Block]:
    elements = [
        ButtonElement(
            text=plain(b.label, 75),
            action_id=ids.core_action_id(b.action, n),
            value=b.value[:2000],
            style=None if b.style == "default" else b.style,
        )
        for n, b in enumerate(buttons)
    ]
    return [
        ActionsBlock(elements=elements[i : i + _BUTTONS_PER_ROW])
        for i in range(0, len(elements), _BUTTONS_PER_ROW)
    ]


def _share(question: str) -> Block:
    button = ButtonElement(text="Share in channel", action_id=ids.SHARE, value=question[:1900])
    return ActionsBlock(elements=[button])


def _feedback(reply: Reply) -> Block:
    clause = reply.citations[0].clause_id if reply.citations else ""
    value = json.dumps({"c": clause, "q": (reply.question or "")[:1500]})
    return ActionsBlock(
        elements=[
            ButtonElement(text="\U0001f44d Helpful", action_id="feedback:up", value=value),
            ButtonElement(text="\U0001f44e Not helpful", action_id="feedback:down", value=value),
        ]
    )


def _sections(text: str) -> list[Block]:
    return [
        SectionBlock(text=MarkdownTextObject(text=piece, verbatim=True))
        for piece in chunks(text, SECTION_CHARS)
    ]


def _context(text: str) -> Block:
    return ContextBlock(elements=[MarkdownTextObject(text=plain(text, 3000), verbatim=True)])


def _short(text: str) -> str:
    return textwrap.shorten(text, 150, placeholder="\u2026")


def divider() -> Block:
    return DividerBlock()
