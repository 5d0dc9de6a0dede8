"""Examples of how people start each request, and of how they ask about the policy
instead (data/intents.toml): read by meaning where no workflow's own words match."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

#: The label of a message that asks about the policy rather than for a request.
QUESTION = "question"


@cache
def examples() -> tuple[tuple[str, str], ...]:
    """(label, example): a workflow's key, or QUESTION."""
    text = resources.files("workflows").joinpath("data", "intents.toml").read_text("utf-8")
    table = tomllib.loads(text)
    return tuple((label, e) for label, entry in table.items() for e in entry["examples"])
