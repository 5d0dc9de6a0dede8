"""How a workflow is declared: its fields, who starts it, who decides.

A workflow is data, not a chain of ifs: the engine walks any WorkflowSpec the same way.
What it rests on in a council's policy is declared as topics (data/topics.toml) and
bound per council (workflows/topics.py): its preamble and checks read the `Policy`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from workflows.roles import DECIDERS, Role
from workflows.topics import Policy


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Finding:
    """A check's result: what it found, the clause it rests on, and whether it blocks sending."""

    ok: bool
    message: str
    clause_id: str | None = None
    blocking: bool = False
    #: A keyword the requester can press to fix it ("append-statement").
    fix: str | None = None
    fix_label: str | None = None


class FieldError(ValueError):
    """An answer that doesn't fit: the message says what is wrong; the prompt gives an example."""


@dataclass(frozen=True, slots=True)
class FormField:
    name: str
    label: str
    prompt: str
    example: str
    kind: Any = str
    choices: tuple[Choice, ...] = ()
    optional: bool = False
    #: A reminder to show right after this answer (e.g. the data-breach duty after "yes").
    after: Callable[[Any], str | None] | None = None
    #: Quoted text (a post, a release) may itself end in "?": never take it as a question.
    verbatim: bool = False

    def parse(self, text: str) -> Any:
        if self.choices:
            return self._choose(text)
        try:
            return _adapter(self.kind).validate_python(text)
        except ValidationError as err:
            first = err.errors()[0]
            message = str(first["msg"]).removeprefix("Value error, ")
            raise FieldError(_plain(message)) from None

    def _choose(self, text: str) -> str:
        wanted = text.strip().casefold()
        for number, choice in enumerate(self.choices, start=1):
            if wanted in (str(number), choice.value.casefold(), choice.label.casefold()):
                return choice.value
        options = ", ".join(c.label for c in self.choices)
        raise FieldError(f"please pick one of: {options}")

    def show(self, value: Any) -> str:
        if value is None:
            return "(skipped)"
        if isinstance(value, bool):
            return "Yes" if value else "No"
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return str(value)


@cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def _plain(message: str) -> str:
    """pydantic's wording, made readable for someone in a chat."""
    replacements = {
        "String should have at least": "that's too short: it needs at least",
        "String should have at most": "that's too long: it can have at most",
    }
    for old, new in replacements.items():
        message = message.replace(old, new)
    return message


@dataclass(frozen=True, slots=True)
class Decision:
    key: str
    label: str
    #: States a request must be in for this decision; the compare-and-set guard.
    from_states: tuple[str, ...]
    to_state: str
    #: "required": the Clerk must give a note (a reason, a question, what was done).
    note: str = "none"
    note_prompt: str = ""
    style: str = "default"
    #: Final decisions close the request; others (acknowledge, ask for information) don't.
    final: bool = True
    #: Past tense for messages: "approved", "rejected".
    verb: str = ""
    #: The note must name a clause of the council's policy ("§5.3"): the desk checks it
    #: and keeps the clause's id with the request.
    note_names_clause: bool = False


@dataclass(frozen=True, slots=True)
class WorkflowSpec:
    key: str
    prefix: str
    title: str
    #: One line saying what the workflow is for, shown in menus.
    summary: str
    #: The button that starts it ("Request software").
    start_label: str
    #: Regular expressions that start this workflow from a chat message.
    intents: tuple[str, ...]
    fields: tuple[FormField, ...]
    decisions: tuple[Decision, ...]
    starters: frozenset[Role]
    #: Shown before the first question (a safety instruction comes before any form).
    preamble: Callable[[Policy], str | None] = field(default=lambda policy: None)
    #: Checks over the finished form, each citing the clause of the policy it rests on.
    checks: Callable[[Mapping[str, Any], Policy], list[Finding]] = field(
        default=lambda data, policy: []
    )
    #: Fixes a requester can apply from the summary: keyword -> (data, policy) -> new data.
    fixes: Mapping[str, Callable[[dict[str, Any], Policy], dict[str, Any]]] = field(
        default_factory=dict
    )
    initial_state: str = "pending"
    urgent: bool = False
    #: Also tell the council's IT service provider when submitted.
    notify_it: bool = False
    deciders: frozenset[Role] = DECIDERS
    #: The opening line when the workflow starts.
    intro: str = ""

    def field_named(self, name: str) -> FormField | None:
        return next((f for f in self.fields if f.name == name), None)

    def decision(self, key: str) -> Decision | None:
        return next((d for d in self.decisions if d.key == key), None)
