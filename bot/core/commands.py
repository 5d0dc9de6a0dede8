"""Commands people type, recognised the same way on every platform. Pure."""

from __future__ import annotations

import re
from enum import StrEnum

from workflows.engine import CANCEL


class Command(StrEnum):
    HELP = "help"
    CANCEL = "cancel"
    MINE = "mine"
    QUEUE = "queue"
    MENU = "menu"
    REGISTER = "register"
    SHOW = "show"


_PATTERNS: tuple[tuple[Command, re.Pattern[str]], ...] = tuple(
    (command, re.compile(pattern, re.IGNORECASE))
    for command, pattern in (
        (Command.HELP, r"(?:help|\?|what can you do(?: for me)?\??|commands|how do i use this\??)"),
        (Command.CANCEL, "(?:" + "|".join(sorted(CANCEL)) + ")"),
        (
            Command.MINE,
            r"(?:(?:show |list )?(?:me )?my requests?|mine|my status|status"
            r"|(?:what'?s|whats) happening with my requests?|any news on my requests?)",
        ),
        (
            Command.QUEUE,
            r"(?:(?:show (?:me )?)?the queue|queue|pending|requests|inbox"
            r"|(?:what'?s|whats|what is) waiting(?: for me| for a decision)?)",
        ),
        (
            Command.MENU,
            r"(?:request|new request|make a request|menu|start"
            r"|what (?:can i (?:ask|request)(?: for)?|requests can i make))",
        ),
        (
            Command.REGISTER,
            r"(?:register|software register|approved software(?: list)?"
            r"|(?:show (?:me )?)?the (?:approved software(?: list)?|software (?:register|list))"
            r"|list of approved software)",
        ),
        (Command.SHOW, r"(?:show|open)\s+(?P<arg>[a-z]{2}-\d{1,9})"),
    )
)


def parse_command(text: str) -> tuple[Command, str] | None:
    """A whole-message command and its argument, or None for anything else."""
    cleaned = text.strip().rstrip(".!").strip()
    for command, pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match:
            return command, (match.groupdict().get("arg") or "").upper()
    return None


#: Words that answer a form or press a card, typed where neither is waiting.
_STRAY = re.compile(
    r"(?:back|skip|next|edit|confirm(?: and send)?|send|yes|no|y|n|\d{1,2}"
    r"|(?:approve|reject|acknowledge|resolved?|noted|return)(?:\s+[a-z]{2}-\d{1,9})?)",
    re.IGNORECASE,
)


def stray(text: str) -> bool:
    """A form's or a card's word with nothing waiting for it ("skip", "1", "approve
    SW-0001"): worth a pointer, not a search of the policy."""
    return bool(_STRAY.fullmatch(text.strip().rstrip(".!").strip()))


#: How a question opens when people leave off the question mark.
_QUESTION_WORD = re.compile(
    r"\s*(?:what|whats|what's|who|whos|who's|how|can|could|is|are|does|do|should|when|"
    r"where|why|will|would|am|may|if)\b",
    re.IGNORECASE,
)


#: A question asked after the situation it is about: "…, what do i do", "…, can it go".
_QUESTION_CLAUSE = re.compile(
    r"\b(?:what (?:do|should|can|am|are) (?:i|we)|what(?:'?s| is) the (?:rule|policy)|"
    r"do (?:i|we) (?:really )?(?:need|have) to|(?:can|could|should|may) (?:i|we|it|they|she|he)"
    r"|is (?:it|that|this|there) (?:ok|okay|allowed|something|a problem|right)|"
    r"who (?:am i|do i|should i)|does (?:she|he|it|the)\b|(?:are|am) (?:we|i) (?:allowed|meant))\b",
    re.IGNORECASE,
)


def asks_something(text: str) -> bool:
    """Whether a message asks rather than tells, question mark or not ("whos in charge
    of…", "…, what do i do"): an opening message that does is a question for the policy,
    unless it asks for something it names (bot/core/understanding.py)."""
    return bool(
        looks_like_question(text) or _QUESTION_WORD.match(text) or _QUESTION_CLAUSE.search(text)
    )


def looks_like_question(text: str) -> bool:
    """A message that asks something (so, mid-form, is a digression, not an answer)."""
    stripped = text.strip()
    return stripped.endswith("?") and len(stripped.split()) >= 3
