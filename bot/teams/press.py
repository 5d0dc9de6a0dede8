"""What becomes of the card a button was pressed on. Pure: the press and the core's replies in.

Teams lets the answer to a press replace the pressed card (Universal Actions). A decision
replaces the request card with the decided one; a form button redraws its question as
answered, so an old "Cancel" can't be pressed again later; anything else leaves it as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.messages import Action, Reply, ReplyKind
from bot.teams.protocol import CardData

#: Buttons that answer the question on their own card.
_ANSWERS = frozenset({Action.REPLY, Action.CANCEL_INPUT, Action.ANSWER})


@dataclass(frozen=True, slots=True)
class Pressed:
    #: The reply drawn in place of the pressed card.
    card: Reply | None = None
    #: Redraw the pressed form card as answered ("✓ Approve").
    settle: bool = False
    #: Redraw the request card as it is now (a press that came too late).
    redraw: bool = False
    #: Replies sent as new messages.
    rest: list[Reply] = field(default_factory=list)


def split(data: CardData, replies: Sequence[Reply]) -> Pressed:
    own = data.request_id
    card = next((r for r in replies if own and r.request_id == own and r.fields), None)
    rest = [r for r in replies if r is not card]
    if card is not None:
        return Pressed(card=card, rest=rest)
    late = data.action == Action.DECIDE and any(
        r.kind is ReplyKind.WARNING and r.request_id == own for r in replies
    )
    return Pressed(settle=data.action in _ANSWERS, redraw=late, rest=rest)
