"""Reply -> plain text for the terminal, with buttons numbered. Pure: no I/O.

Nothing is cut from a request's fields: `show` prints a 6,000-character release whole.
"""

from __future__ import annotations

import textwrap

from bot.core.present import answer as present_answer
from bot.core.present import citation_line
from bot.messages import Button, Reply, ReplyKind, Row
from knowledge.answer import Answer

_WIDTH = 92
#: Longer values are shown as a block under their label rather than after it.
_INLINE_CHARS = 300
_BLOCK = textwrap.TextWrapper(
    _WIDTH,
    initial_indent="    ",
    subsequent_indent="    ",
    break_long_words=False,
    break_on_hyphens=False,
)

_MARK = {
    ReplyKind.WARNING: "\u26a0 ",
    ReplyKind.ERROR: "\u2717 ",
    ReplyKind.REQUEST: "\u25a0 ",
}


def _quote(text: str, indent: str = "  ") -> str:
    return textwrap.fill(
        f"\u201c{text}\u201d", _WIDTH, initial_indent=indent, subsequent_indent=indent
    )


def render_answer(answer: Answer) -> str:
    return render_reply(present_answer(answer), with_buttons=False)


def render_reply(reply: Reply, first_button: int = 1, *, with_buttons: bool = True) -> str:
    lines = [_MARK.get(reply.kind, "") + reply.text] if reply.text else []
    lines += _body(reply)
    if with_buttons and reply.buttons:
        lines.append(buttons_line(reply.buttons, first_button))
    return "\n".join(lines)


def _body(reply: Reply) -> list[str]:
    lines: list[str] = []
    top = reply.citations[0] if reply.citations else None
    if reply.kind is ReplyKind.ANSWER and top is not None and top.context:
        lines.append(f"  (under: \u201c{top.context[-1]}\u201d)")
    if reply.quote:
        short = reply.kind is ReplyKind.NO_ANSWER
        lines.append(_quote(textwrap.shorten(reply.quote, 300) if short else reply.quote))
    if top is not None and top.freshness:
        lines.append(f"  \u26a0 {top.freshness}")
    lines += _related(reply)
    for row in reply.fields:
        lines += _row(row)
    return lines


def _row(row: Row) -> list[str]:
    """A field on one line, or a long one (a press release) as an indented block under its
    label, every paragraph whole: wrapped at spaces only, so no word is ever broken."""
    if len(row.value) <= _INLINE_CHARS and "\n" not in row.value:
        return [f"  {row.label}: {row.value}"]
    lines = [f"  {row.label}:"]
    for paragraph in row.value.splitlines():
        lines.append(_BLOCK.fill(paragraph) if paragraph.strip() else "")
    return lines


def _related(reply: Reply) -> list[str]:
    if reply.kind is ReplyKind.ANSWER:
        related = reply.citations[1:3]
        if not related:
            return []
        return ["Related:"] + [
            f"  {c.label} \u2014 {textwrap.shorten(c.quote, 110)}" for c in related
        ]
    return [f"  See also {citation_line(c)}" for c in reply.citations[1:3]]


def buttons_line(buttons: list[Button], first: int = 1) -> str:
    return "  " + "   ".join(f"[{n}] {b.label}" for n, b in enumerate(buttons, start=first))
