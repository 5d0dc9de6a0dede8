"""Reply -> Block Kit, built with slack_sdk.models so limits are checked before sending. Pure.

Everything shown is escaped for mrkdwn (bot.slack.mrkdwn): request fields, quotes, names.
Nothing is cut: long text is split over sections of 3,000 characters and messages of 50
blocks and ~11k characters, at paragraph or sentence breaks where it can be.
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
from bot.messages import Button, Reply, ReplyKind, Row
from bot.slack import ids
from bot.slack.mrkdwn import chunks, escape, plain

SECTION_CHARS = SectionBlock.text_max_length
MESSAGE_BLOCKS = 50
#: Slack refuses messages whose blocks total much more than this (msg_blocks_too_long).
MESSAGE_CHARS = 11_000
_BUTTONS_PER_ROW = 5
_SECTION_FIELDS = 4000
#: A row longer than this (label and value) reads better full width than in a narrow
#: column; it also keeps a card's head (heading, short fields, buttons) to one message.
_CELL_CHARS = 400
#: The heading on each follow-up message of a long card, kept free in every message.
_RESERVED_CHARS = 600
_NOTIFICATION_CHARS = 300
_SMALLEST_PIECE = 100

_MARK = {
    ReplyKind.WARNING: ":warning: ",
    ReplyKind.ERROR: ":x: ",
    ReplyKind.REQUEST: ":inbox_tray: ",
}

Payload = dict[str, Any]


def blocks(reply: Reply, *, feedback: bool = False, share: str | None = None) -> list[Block]:
    """The blocks of one reply; `feedback` adds 👍/👎, `share` a "Share in channel" button."""
    return _head(reply) + _long(reply) + _actions(reply, feedback, share)


def messages(reply: Reply, *, feedback: bool = False, share: str | None = None) -> list[Payload]:
    """chat.postMessage arguments (text + blocks), split when one message can't hold it all.

    A card too big for one message keeps its heading, short fields and buttons together in
    the first message (the one a Clerk decides on), and its long texts follow, whole, in
    the next ones; anything else is cut into consecutive messages in reading order.
    """
    text = fallback(reply)
    actions = _actions(reply, feedback, share)
    whole = _batches(_head(reply) + _long(reply) + actions)
    if len(whole) > 1:
        split = _card_then_text(reply, text, actions)
        if split:
            return split
    return [{"text": text, "blocks": batch} for batch in whole]


def pack(all_blocks: Sequence[Block], text: str) -> list[Payload]:
    return [{"text": text, "blocks": batch} for batch in _batches(all_blocks)]


def _card_then_text(reply: Reply, text: str, actions: list[Block]) -> list[Payload]:
    """The head and buttons in one message, then the long texts; empty if the head alone
    is too big for a message (then the reply is simply cut in reading order)."""
    rest = _batches(_long(reply), reserve=1)
    first = _batches([*_head(reply), _overflow(reply, len(rest)), *actions])
    if not rest or len(first) > 1:
        return []
    total = len(rest) + 1
    return [{"text": text, "blocks": first[0]}] + [
        _continued(batch, text, number, total) for number, batch in enumerate(rest, start=2)
    ]


def _batches(all_blocks: Sequence[Block], reserve: int = 0) -> list[list[Payload]]:
    """The blocks as dicts, in as few messages as Slack allows; `reserve` blocks of room
    are kept in each for a heading added later."""
    batches: list[list[Payload]] = [[]]
    size = 0
    for block in all_blocks:
        as_dict = block.to_dict()  # validates Block Kit limits; raises before anything is sent
        cost = len(json.dumps(as_dict))
        full = len(batches[-1]) + reserve >= MESSAGE_BLOCKS
        if batches[-1] and (full or size + cost > MESSAGE_CHARS - reserve * _RESERVED_CHARS):
            batches.append([])
            size = 0
        batches[-1].append(as_dict)
        size += cost
    return [batch for batch in batches if batch]


def _continued(batch: list[Payload], text: str, number: int, total: int) -> Payload:
    """A follow-up message of a long card, headed so it reads on its own in the channel."""
    where = f"{text} \u00b7 continued ({number} of {total})"
    return {"text": where, "blocks": [_context(f"_{where}_").to_dict(), *batch]}


def _overflow(reply: Reply, more: int) -> Block:
    """The first message's pointer to the rest, so the Clerk knows the text goes on."""
    labels = " and ".join(escape(r.label) for r in reply.fields if not _is_cell(r))
    count = "message" if more == 1 else f"{more} messages"
    return _context(
        f":page_facing_up: The full text of {labels} is too long for one message: "
        f"it follows below, in the next {count}."
    )


def fallback(reply: Reply) -> str:
    """The notification text (and what screen readers hear first): the first line, and a
    visible mark if even that had to be shortened."""
    first = reply.text.splitlines()[0] if reply.text else reply.kind.value
    if len(first) > _NOTIFICATION_CHARS:
        first = first[:_NOTIFICATION_CHARS].rstrip() + " \u2026 (full text in the message)"
    return escape(first)


def _head(reply: Reply) -> list[Block]:
    return _text(reply) + _quote(reply) + _notes(reply) + _cells(reply)


def _actions(reply: Reply, feedback: bool, share: str | None) -> list[Block]:
    out = _buttons(reply.buttons)
    if share is not None:
        out.append(_share(share))
    if feedback and reply.question and reply.kind in (ReplyKind.ANSWER, ReplyKind.NO_ANSWER):
        out.append(_feedback(reply))
    return out


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


def _cells(reply: Reply) -> list[Block]:
    """Short rows as compact two-column fields: at most 10 a section, and few enough
    characters that one section always fits in a message."""
    sections: list[list[MarkdownTextObject]] = [[]]
    size = 0
    for row in reply.fields:
        if not _is_cell(row):
            continue
        cell = MarkdownTextObject(text=_row_text(row))
        full = len(sections[-1]) == SectionBlock.fields_max_length
        if sections[-1] and (full or size + len(cell.text) > _SECTION_FIELDS):
            sections.append([])
            size = 0
        sections[-1].append(cell)
        size += len(cell.text)
    return [SectionBlock(fields=group) for group in sections if group]


def _long(reply: Reply) -> list[Block]:
    """Long rows (a press release, a description) full width, whole, over as many
    sections as they need: Slack would refuse a field over 2,000 characters."""
    out: list[Block] = []
    for row in reply.fields:
        if not _is_cell(row):
            out += _sections(_row_text(row))
    return out


def _is_cell(row: Row) -> bool:
    return len(_row_text(row)) <= _CELL_CHARS


def _row_text(row: Row) -> str:
    return f"*{escape(row.label)}*\n{escape(row.value)}"


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
        for piece in _pieces(text, SECTION_CHARS)
    ]


def _pieces(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` characters, each small enough once sent as JSON
    (where a character like “ counts six) that a message always holds two of them."""
    out: list[str] = []
    for piece in chunks(text, limit):
        if len(json.dumps(piece)) > MESSAGE_CHARS // 2 and limit > _SMALLEST_PIECE:
            out += _pieces(piece, limit // 2)
        else:
            out.append(piece)
    return out


def _context(text: str) -> Block:
    return ContextBlock(elements=[MarkdownTextObject(text=plain(text, 3000), verbatim=True)])


def _short(text: str) -> str:
    return textwrap.shorten(text, 150, placeholder="\u2026")


def divider() -> Block:
    return DividerBlock()
