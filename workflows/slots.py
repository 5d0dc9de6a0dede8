"""What an opening message already says, read into a form's fields so the form asks
only for the rest: "I need to install Zoom on my laptop for council meetings" gives the
software, the device and the purpose. The patterns are data (data/slots.toml); a value
is kept only if the form would accept it typed as an answer (engine.parse_answers)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from workflows.spec import WorkflowSpec


@dataclass(frozen=True, slots=True)
class SlotRule:
    patterns: tuple[re.Pattern[str], ...] = ()
    keywords: tuple[tuple[str, re.Pattern[str]], ...] = ()
    whole_if: re.Pattern[str] | None = None
    after_first_line: int = 0
    reject: re.Pattern[str] | None = None

    def read(self, text: str) -> str | None:
        for value, pattern in self.keywords:
            if pattern.search(text):
                return value
        if self.after_first_line:
            _, _, rest = text.strip().partition("\n")
            return rest.strip() if len(rest.strip()) >= self.after_first_line else None
        if self.whole_if is not None:
            return " ".join(text.split()) if self.whole_if.search(text) else None
        for pattern in self.patterns:
            found = pattern.search(text)
            value = " ".join(found.group("value").split()).strip(" -'") if found else ""
            if value and not (self.reject and self.reject.search(value)):
                return value
        return None


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _rule(table: Mapping[str, Any]) -> SlotRule:
    reject = table.get("reject")
    whole = table.get("whole_if")
    return SlotRule(
        patterns=tuple(_compile(p) for p in table.get("patterns", ())),
        keywords=tuple((k, _compile(p)) for k, p in table.get("keywords", {}).items()),
        whole_if=_compile(whole) if whole else None,
        after_first_line=int(table.get("after_first_line", 0)),
        reject=_compile(reject) if reject else None,
    )


@cache
def rules() -> dict[str, dict[str, SlotRule]]:
    """Per workflow, per field, how an opening message may state it."""
    text = resources.files("workflows").joinpath("data", "slots.toml").read_text("utf-8")
    return {
        workflow: {name: _rule(table) for name, table in fields.items()}
        for workflow, fields in tomllib.loads(text).items()
    }


def read_slots(spec: WorkflowSpec, text: str) -> dict[str, str]:
    """The fields of `spec` the message states, as text (to be parsed as answers)."""
    known = {f.name for f in spec.fields}
    found = {}
    for name, rule in rules().get(spec.key, {}).items():
        if name in known and (value := rule.read(text)):
            found[name] = value
    return found
