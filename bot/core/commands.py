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
        (Command.HELP, r"(?:help|\?|what can you do\??|commands)"),
        (Command.CANCEL, "(?:" + "|".join(sorted(CANCEL)) + ")"),
        (Command.MINE, r"(?:my requests?|mine|my status|status)"),
        (Command.QUEUE, r"(?:queue|the queue|pending|requests|inbox)"),
        (Command.MENU, r"(?:request|new request|make a request|menu|start)"),
        (Command.REGISTER, r"(?:register|software register|approved software)"),
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


def looks_like_question(text: str) -> bool:
    """A message that asks something (so, mid-form, is a digression, not an answer)."""
    stripped = text.strip()
    return stripped.endswith("?") and len(stripped.split()) >= 3
