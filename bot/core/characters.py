"""Characters no council record can hold.

PostgreSQL refuses NUL in text, and no database can store half of a UTF-16 surrogate pair
(what a broken emoji from some clients arrives as). Turned away at the door, so a message
is refused the same way on SQLite and PostgreSQL, and never half-saved: before this, a NUL
in a software name approved the request and then failed the register insert.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

REFUSED = re.compile("[\x00\ud800-\udfff]")

REFUSED_MESSAGE = (
    "That message contains a character I can't keep in the council's records (a null "
    "character or a broken emoji, often from pasting). Please type it again."
)


def unstorable(text: str) -> bool:
    return REFUSED.search(text) is not None


def unstorable_fields(answers: Mapping[str, str]) -> dict[str, str]:
    """Per form field, why its answer can't be kept (empty when all can)."""
    return {name: REFUSED_MESSAGE for name, value in answers.items() if unstorable(value)}
