"""The form engine: walks any WorkflowSpec one message at a time.

Pure: a DraftState and the user's text in, a new DraftState and what to say out. The caller
saves the state after every step, so a restart resumes exactly here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

from workflows.spec import FieldError, Finding, FormField, WorkflowSpec
from workflows.topics import Policy

CANCEL = frozenset({"cancel", "stop", "quit", "abandon"})
CONFIRM = frozenset({"confirm", "submit", "send", "yes", "send it", "submit it"})


class DraftState(BaseModel):
    """A half-filled form. Only JSON values, so it is stored as it is."""

    workflow: str
    council: str
    stage: Literal["fields", "confirm", "edit"] = "fields"
    index: int = 0
    data: dict[str, Any] = Field(default_factory=dict)
    history: list[int] = Field(default_factory=list)
    #: Set when one field is being changed from the summary: go back to it afterwards.
    editing: bool = False


@dataclass(frozen=True, slots=True)
class Ask:
    field: FormField
    number: int
    total: int
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Say:
    text: str
    tone: Literal["notice", "warning", "error", "help"] = "notice"


@dataclass(frozen=True, slots=True)
class Summary:
    spec: WorkflowSpec
    data: dict[str, Any]
    findings: list[Finding]
    error: str | None = None


@dataclass(frozen=True, slots=True)
class EditMenu:
    spec: WorkflowSpec


@dataclass(frozen=True, slots=True)
class Cited:
    """The start of a workflow: its clauses (cited by the caller from the policy library),
    and what its topics the policy is silent on are about."""

    spec: WorkflowSpec
    clause_ids: tuple[str, ...]
    silent: tuple[str, ...] = ()


Out = Ask | Say | Summary | EditMenu | Cited


@dataclass(slots=True)
class Step:
    state: DraftState | None
    says: list[Out] = field(default_factory=list)
    #: The finished form, when the user confirmed it.
    submit: dict[str, Any] | None = None
    cancelled: bool = False


def begin(spec: WorkflowSpec, policy: Policy, prefill: dict[str, Any] | None = None) -> Step:
    """The form for `policy`'s council: what its policy says on the workflow's topics."""
    state = DraftState(workflow=spec.key, council=policy.council, data=dict(prefill or {}))
    says: list[Out] = []
    preamble = spec.preamble(policy)
    if preamble:
        says.append(Say(preamble, "warning"))
    says.append(Cited(spec, policy.cited, policy.silent))
    state.index = _next_unfilled(spec, state, 0)
    return _ask_or_summarise(spec, state, says, policy)


def resume(spec: WorkflowSpec, state: DraftState, policy: Policy) -> list[Out]:
    """What to show to pick a draft up again (after a digression or a restart)."""
    return _ask_or_summarise(spec, state.model_copy(deep=True), [], policy).says


def expects_verbatim(spec: WorkflowSpec, state: DraftState) -> bool:
    """Whether the question on screen takes quoted text, which may look like a question."""
    return state.stage == "fields" and spec.fields[state.index].verbatim


def parse_answers(
    spec: WorkflowSpec, answers: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, str]]:
    """A whole form's answers at once (a Slack modal, a prefilled shortcut).

    Returns the parsed values and, per field, why an answer doesn't fit. Blank answers are
    left out: the conversation asks for them (or, for an optional field, offers skip).
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for form_field in spec.fields:
        text = (answers.get(form_field.name) or "").strip()
        if not text:
            continue
        try:
            values[form_field.name] = form_field.parse(text)
        except FieldError as err:
            errors[form_field.name] = f"{err}. For example: {form_field.example}"
    return values, errors


def step(spec: WorkflowSpec, state: DraftState, text: str, policy: Policy) -> Step:
    """The next line of the form; `policy` is the draft's council's (the checks read it)."""
    state = state.model_copy(deep=True)
    command = text.strip().casefold()
    if command in CANCEL:
        return Step(
            None, [Say(f"Cancelled: your {spec.title.lower()} was not sent.")], cancelled=True
        )
    if state.stage == "confirm":
        return _at_summary(spec, state, text, command, policy)
    if state.stage == "edit":
        return _at_edit_menu(spec, state, command, policy)
    return _at_field(spec, state, text, command, policy)


def _at_field(
    spec: WorkflowSpec, state: DraftState, text: str, command: str, policy: Policy
) -> Step:
    current = spec.fields[state.index]
    if command == "help":
        return Step(state, [Say(_field_help(current), "help"), _ask(spec, state)])
    if command == "back":
        return _back(spec, state)
    if command == "skip":
        if not current.optional:
            return Step(state, [_ask(spec, state, "this one is needed, so it can't be skipped")])
        return _store(spec, state, current, None, policy)
    try:
        value = current.parse(text)
    except FieldError as err:
        return Step(state, [_ask(spec, state, str(err))])
    return _store(spec, state, current, value, policy)


def _store(
    spec: WorkflowSpec, state: DraftState, current: FormField, value: Any, policy: Policy
) -> Step:
    state.data[current.name] = value
    says: list[Out] = []
    note = current.after(value) if current.after else None
    if note:
        says.append(Say(note, "warning"))
    if state.editing:
        state.editing = False
        state.stage = "confirm"
        return _ask_or_summarise(spec, state, says, policy)
    state.history.append(state.index)
    state.index = _next_unfilled(spec, state, state.index + 1)
    return _ask_or_summarise(spec, state, says, policy)


def _back(spec: WorkflowSpec, state: DraftState) -> Step:
    if not state.history:
        return Step(state, [Say("This is the first question.", "help"), _ask(spec, state)])
    state.index = state.history.pop()
    state.editing = False
    return Step(state, [_ask(spec, state)])


def _at_summary(
    spec: WorkflowSpec, state: DraftState, text: str, command: str, policy: Policy
) -> Step:
    if command in CONFIRM:
        findings = spec.checks(state.data, policy)
        if any(f.blocking and not f.ok for f in findings):
            error = "Please fix what is marked ✗ before sending."
            return Step(state, [Summary(spec, state.data, findings, error)])
        return Step(None, submit=dict(state.data))
    if command == "edit":
        state.stage = "edit"
        return Step(state, [EditMenu(spec)])
    if command.startswith("edit:") or command.startswith("edit "):
        return _edit(spec, state, command[5:].strip())
    if command.startswith("fix:") and command[4:] in spec.fixes:
        state.data = spec.fixes[command[4:]](dict(state.data), policy)
        return _ask_or_summarise(spec, state, [Say("Done.")], policy)
    if command == "back":
        state.stage = "fields"
        return _back(spec, state)
    if command == "help":
        return Step(state, [Say(_SUMMARY_HELP, "help"), _summary(spec, state, policy)])
    error = "Please choose Confirm to send it, Edit to change something, or Cancel."
    return Step(state, [Summary(spec, state.data, spec.checks(state.data, policy), error)])


def _at_edit_menu(spec: WorkflowSpec, state: DraftState, command: str, policy: Policy) -> Step:
    if command in ("back", "done"):
        state.stage = "confirm"
        return _ask_or_summarise(spec, state, [], policy)
    # The menu's buttons send "edit:<field>"; a typed number or label comes bare.
    if command.startswith(("edit:", "edit ")):
        command = command[5:].strip()
    return _edit(spec, state, command)


def _edit(spec: WorkflowSpec, state: DraftState, wanted: str) -> Step:
    for number, candidate in enumerate(spec.fields, start=1):
        if wanted in (str(number), candidate.name, candidate.label.casefold()):
            state.stage = "fields"
            state.index = number - 1
            state.editing = True
            return Step(state, [_ask(spec, state)])
    state.stage = "edit"
    return Step(state, [Say("Which answer? Pick one from the list.", "error"), EditMenu(spec)])


def _ask_or_summarise(
    spec: WorkflowSpec, state: DraftState, says: list[Out], policy: Policy
) -> Step:
    if state.stage == "confirm" or state.index >= len(spec.fields):
        state.stage = "confirm"
        return Step(state, [*says, _summary(spec, state, policy)])
    if state.stage == "edit":
        return Step(state, [*says, EditMenu(spec)])
    return Step(state, [*says, _ask(spec, state)])


def _summary(spec: WorkflowSpec, state: DraftState, policy: Policy) -> Summary:
    return Summary(spec, state.data, spec.checks(state.data, policy))


def _ask(spec: WorkflowSpec, state: DraftState, error: str | None = None) -> Ask:
    return Ask(spec.fields[state.index], state.index + 1, len(spec.fields), error)


def _next_unfilled(spec: WorkflowSpec, state: DraftState, start: int) -> int:
    index = start
    while index < len(spec.fields) and spec.fields[index].name in state.data:
        index += 1
    return index


def _field_help(current: FormField) -> str:
    lines = [f"{current.label}: {current.prompt}", f"For example: {current.example}"]
    if current.optional:
        lines.append("This one is optional: say skip to leave it out.")
    lines.append("You can also say back, cancel, or ask me a policy question at any point.")
    return "\n".join(lines)


_SUMMARY_HELP = (
    "Confirm sends it to the Clerk. Edit lets you change one answer. "
    "Back returns to the last question. Cancel throws the draft away."
)
