"""Reply -> Adaptive Card 1.5 (what Teams renders). Pure: JSON in the shape of the schema.

Every piece of text goes through `escape`: Teams reads TextBlock and FactSet text as
markdown, so a requester's "**URGENT** [click](http://evil)" must show as typed, not as
formatting or a disguised link.

Every field is shown whole (long ones as full-width text); only a card too big for one
Teams message is shortened, and then visibly (see `card`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from bot.messages import Action, Button, Citation, Reply, ReplyKind, Row
from bot.teams.protocol import CHOICE_INPUT, REFRESH, CardData

VERSION = "1.5"
#: Teams shows at most six buttons in a row; more become a choice list.
MAX_ACTIONS = 6
#: Universal Actions refresh automatically for at most 60 users.
MAX_REFRESH_USERS = 60
#: Buttons that steer a form rather than answer it: they stay buttons beside a choice list.
_CONTROLS = frozenset({"skip", "back", "cancel", "edit", "confirm"})
#: Teams refuses a bot message over ~28 KB (413 MessageSizeTooBig; newer documents allow
#: more): the card stays under this, leaving room for the activity around it.
MAX_CARD_BYTES = 26_000
#: A value longer than this (or of several lines) is shown full width, not as a fact.
_FACT_CHARS = 300
#: Never shortened below this; and the room a "not shown" note takes.
_KEPT_CHARS = 500
_NOTE_CHARS = 200
_FALLBACK_CHARS = 500
_PROMPT_CHARS = 600

Card = dict[str, Any]

# The characters Teams' markdown acts on anywhere in a line, plus the braces of its
# {{DATE()}} substitution and the angle brackets of <at> mentions.
_INLINE = re.compile(r"([\\`*_{}\[\]<>~|])")
# ...and those that act only at the start of a line: headings, quotes, list markers.
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+(?=[.)]))", re.MULTILINE)


def escape(text: str) -> str:
    """User text as literal card markdown: its markdown characters backslash-escaped."""
    escaped = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_marker, escaped)


def _escape_marker(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker.isdigit():
        # "1." starts a list; "1\." does not, and reads the same.
        return f"{indent}{marker}\\"
    return f"{indent}\\{marker}"


def card(reply: Reply, *, refresh_users: Sequence[str] = (), fallback_submit: bool = True) -> Card:
    """The whole card for one reply; `refresh_users` get their own view (request cards).

    Every field is shown whole. Only a card over Teams' message size has its longest texts
    shortened, visibly, each saying how much is left out and where the whole of it is kept.
    """
    out = _card(reply, refresh_users, fallback_submit)
    cut = 0
    while (excess := _size(out) - MAX_CARD_BYTES) > 0:
        cut += excess + _NOTE_CHARS  # each character left out takes at least a byte with it
        shorter, enough = _shortened(reply, cut)
        out = _card(shorter, refresh_users, fallback_submit)
        if not enough:  # every long text is down to its minimum: sent as it is now
            break
    return out


def _card(reply: Reply, refresh_users: Sequence[str], fallback_submit: bool) -> Card:
    body: list[dict[str, Any]] = []
    body += _text(reply)
    if reply.quote:
        body.append(_quote(reply.quote))
    body += _citations(reply.citations[1:])
    body += _freshness(reply.citations[:1])
    body += _fields(reply.fields)
    out: Card = _shell(body, reply.text)
    chosen, rest = _split_choices(reply.buttons)
    if chosen:
        body += _choice_list(chosen, reply)
    actions = [_action(b, reply, fallback_submit) for b in rest]
    if len(actions) > MAX_ACTIONS:
        # Rows of buttons in the body: card-level actions past the limit are dropped.
        for start in range(0, len(actions), MAX_ACTIONS):
            body.append({"type": "ActionSet", "actions": actions[start : start + MAX_ACTIONS]})
    elif actions:
        out["actions"] = actions
    if reply.request_id and refresh_users:
        out["refresh"] = _refresh(reply.request_id, refresh_users)
    return out


def _fields(rows: Sequence[Row]) -> list[dict[str, Any]]:
    """Short rows as a FactSet; long ones (a press release) full width below it, a
    TextBlock a line, rather than squeezed into a fact's narrow value column."""
    facts = [{"title": escape(r.label), "value": escape(r.value)} for r in rows if _is_fact(r)]
    body: list[dict[str, Any]] = [{"type": "FactSet", "facts": facts}] if facts else []
    for row in rows:
        if not _is_fact(row):
            body.append(_block(row.label, weight="bolder"))
            body += [_block(line) for line in row.value.splitlines() if line.strip()]
    return body


def _is_fact(row: Row) -> bool:
    return len(row.value) <= _FACT_CHARS and "\n" not in row.value


def _size(out: Card) -> int:
    return len(json.dumps(out))


def _shortened(reply: Reply, cut: int) -> tuple[Reply, bool]:
    """`reply` with `cut` characters left out of its longest fields, longest first, and
    whether that many could be (no field goes below _KEPT_CHARS)."""
    rows = list(reply.fields)
    for i in sorted(range(len(rows)), key=lambda n: len(rows[n].value), reverse=True):
        value = rows[i].value
        keep = max(_KEPT_CHARS, len(value) - cut)
        if cut <= 0 or keep >= len(value):
            break
        rows[i] = _cut_row(rows[i], keep, reply.request_id)
        cut -= len(value) - keep
    return reply.model_copy(update={"fields": rows}), cut <= 0


def _cut_row(row: Row, keep: int, request_id: str | None) -> Row:
    kept = row.value[:keep]
    if " " in kept[-200:]:
        kept = kept[: kept.rfind(" ")]  # at the end of a word
    where = (
        f"`clerkbot requests show {request_id}` prints it whole"
        if request_id
        else "it is kept whole as it was sent"
    )
    left = len(row.value) - len(kept)
    note = f" \u2026 ({left:,} more characters not shown: too long for a Teams card; {where}.)"
    return Row(label=row.label, value=kept + note)


def settled(prompt: str, label: str) -> Card:
    """A pressed form card, redrawn with its answer and no buttons (so it can't be re-pressed)."""
    body = [_block(prompt, subtle=True), _block(f"✓ {label}", weight="bolder")]
    return _shell(body, f"{prompt}\n✓ {label}")


def plain(text: str) -> Card:
    """A one-message card (an answer to a Universal Action with nothing else to show)."""
    return _shell([_block(text)], text)


def _shell(body: list[dict[str, Any]], fallback: str) -> Card:
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": VERSION,
        "body": body,
        # Shown by clients that can't render 1.5 (and in notifications): plain, not markdown.
        "fallbackText": _clip(fallback, _FALLBACK_CHARS, " \u2026 (full text on the card)"),
    }


def _text(reply: Reply) -> list[dict[str, Any]]:
    lines = [line for line in reply.text.split("\n") if line.strip()]
    if not lines:
        return []
    heading = reply.kind in (ReplyKind.REQUEST, ReplyKind.WARNING) and bool(reply.fields)
    first = _block(lines[0], weight="bolder" if heading else None, color=_color(reply))
    blocks = [first, *(_block(line) for line in lines[1:])]
    if reply.urgent or reply.kind in (ReplyKind.ERROR, ReplyKind.WARNING):
        style = "attention" if reply.kind is ReplyKind.ERROR or reply.urgent else "warning"
        return [{"type": "Container", "style": style, "items": blocks}]
    return blocks


def _color(reply: Reply) -> str | None:
    if reply.kind is ReplyKind.ERROR:
        return "attention"
    if reply.kind is ReplyKind.WARNING:
        return "warning"
    return None


def _quote(quote: str) -> dict[str, Any]:
    text = _block(f"“{quote}”", italic=True)
    return {"type": "Container", "style": "emphasis", "items": [text]}


def _citations(related: Sequence[Citation]) -> list[dict[str, Any]]:
    if not related:
        return []
    lines = [f"{c.council_name}, {c.document}, {c.label}" for c in related[:2]]
    blocks = [_block("Related: " + lines[0], subtle=True, small=True)]
    blocks += [_block("Related: " + line, subtle=True, small=True) for line in lines[1:]]
    return blocks


def _freshness(top: Sequence[Citation]) -> list[dict[str, Any]]:
    return [_block(c.freshness, color="warning", small=True) for c in top if c.freshness]


def _block(
    text: str,
    *,
    weight: str | None = None,
    color: str | None = None,
    subtle: bool = False,
    small: bool = False,
    italic: bool = False,
) -> dict[str, Any]:
    shown = escape(text)
    block: dict[str, Any] = {"type": "TextBlock", "text": f"_{shown}_" if italic else shown}
    block["wrap"] = True
    if weight:
        block["weight"] = weight
    if color:
        block["color"] = color
    if subtle:
        block["isSubtle"] = True
    if small:
        block["size"] = "small"
    return block


def _split_choices(buttons: Sequence[Button]) -> tuple[list[Button], list[Button]]:
    """Many answer buttons become one choice list; steering buttons stay buttons."""
    answers = [b for b in buttons if b.action == Action.REPLY and b.value not in _CONTROLS]
    if len(buttons) <= MAX_ACTIONS or len(answers) < 2:
        return [], list(buttons)
    return answers, [b for b in buttons if b not in answers]


def _choice_list(choices: Sequence[Button], reply: Reply) -> list[dict[str, Any]]:
    listed = {
        "type": "Input.ChoiceSet",
        "id": CHOICE_INPUT,
        "style": "expanded",
        "isRequired": True,
        "errorMessage": "Choose one.",
        "choices": [{"title": b.label, "value": b.value} for b in choices],
    }
    send = Button(label="Send", action=Action.REPLY, value="", style="primary")
    return [listed, {"type": "ActionSet", "actions": [_action(send, reply, True)]}]


def _action(button: Button, reply: Reply, fallback_submit: bool) -> dict[str, Any]:
    data = CardData(
        action=button.action,
        value=button.value,
        label=button.label,
        prompt=_prompt(reply),
        request_id=reply.request_id or "",
    ).wire()
    execute: dict[str, Any] = {
        "type": "Action.Execute",
        "title": button.label,
        "verb": button.action,
        "data": data,
    }
    if button.style != "default":
        execute["style"] = "positive" if button.style == "primary" else "destructive"
    if fallback_submit:
        # For clients without Universal Actions: the same data as a message with a value.
        submit = {k: v for k, v in execute.items() if k != "verb"} | {"type": "Action.Submit"}
        execute["fallback"] = submit
    return execute


def _prompt(reply: Reply) -> str:
    # Shown above the answer once the form card is settled; it is only a reminder.
    return _clip(reply.text, _PROMPT_CHARS, " \u2026")


def _clip(text: str, limit: int, mark: str) -> str:
    """`text`, or its start and a visible `mark` when it is longer than `limit`."""
    return text if len(text) <= limit else text[: limit - len(mark)].rstrip() + mark


def _refresh(request_id: str, users: Sequence[str]) -> dict[str, Any]:
    data = CardData(action=REFRESH, value=request_id, request_id=request_id).wire()
    return {
        "action": {"type": "Action.Execute", "verb": REFRESH, "data": data},
        "userIds": list(users)[:MAX_REFRESH_USERS],
    }
