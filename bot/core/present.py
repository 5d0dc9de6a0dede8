"""Domain results -> Reply: the words the council reads, the same on every platform."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal
from zoneinfo import ZoneInfo

from bot.messages import MAX_MESSAGE_CHARS, Action, Button, Reply, ReplyKind, Row
from knowledge.answer import Answer, Citation
from knowledge.library import Library
from knowledge.models import Clause
from workflows.engine import Ask, Cited, EditMenu, Out, Say, Summary
from workflows.people import Directory
from workflows.spec import WorkflowSpec
from workflows.store import RequestRecord

#: Councils are in England: times are shown as the Clerk's clock shows them.
LOCAL = ZoneInfo("Europe/London")

_TONE = {
    "notice": ReplyKind.NOTICE,
    "warning": ReplyKind.WARNING,
    "error": ReplyKind.ERROR,
    "help": ReplyKind.HELP,
}


def error(text: str) -> Reply:
    return Reply(kind=ReplyKind.ERROR, text=text)


def too_long(text: str) -> Reply:
    return error(
        f"That message is too long for me ({len(text):,} characters; the "
        f"limit is {MAX_MESSAGE_CHARS:,}). Please send something shorter."
    )


def when(moment: dt.datetime) -> str:
    """ "14:03 on Sat 21 Nov 2026", in UK time."""
    local = moment.astimezone(LOCAL)
    return f"{local:%H:%M} on {local:%a} {local.day} {local:%b %Y}"


def citation_line(cite: Citation) -> str:
    return f"{cite.council_name}, {cite.document}, {cite.label}"


# Policy answers ---------------------------------------------------------------------------


def answer(
    found: Answer,
    offers: Sequence[WorkflowSpec] = (),
    notes: Sequence[str] = (),
    ask_clerk: int | None = None,
) -> Reply:
    """A policy answer; when the policy is silent, `ask_clerk` is the logged question's id
    for the *Ask the Clerk* button."""
    buttons = [Button(label=s.start_label, action=Action.START, value=s.key) for s in offers]
    if not found.answered:
        if ask_clerk is not None:
            buttons.insert(
                0, Button(label="Ask the Clerk", action=Action.ASK_CLERK, value=str(ask_clerk))
            )
        return _silence(found, buttons, notes)
    top = found.citations[0]
    lines = [*notes, citation_line(top)]
    return Reply(
        kind=ReplyKind.ANSWER,
        text="\n".join(lines),
        quote=top.quote,
        citations=found.citations,
        buttons=buttons,
        question=found.question,
    )


def _silence(found: Answer, buttons: list[Button], notes: Sequence[str]) -> Reply:
    lines = [*notes, f"{found.council_name}'s policy doesn't cover this; ask the Clerk."]
    if any(b.action == Action.ASK_CLERK for b in buttons):
        lines[-1] = f"{found.council_name}'s policy doesn't cover this. Shall I ask the Clerk?"
    ref = found.reference
    if ref is not None:
        lines.append(f"For reference only (not {found.council_name}'s rule): {citation_line(ref)}")
    return Reply(
        kind=ReplyKind.NO_ANSWER,
        text="\n".join(lines),
        quote=ref.quote if ref else None,
        buttons=buttons,
        question=found.question,
    )


def cite_ids(library: Library, clause_ids: Sequence[str], today: dt.date) -> list[Citation]:
    """The citations for a workflow's fixed clauses; ids a policy lacks are left out."""
    return [cite(c, today) for c in (library.clause(i) for i in clause_ids) if c is not None]


def cite(clause: Clause, today: dt.date) -> Citation:
    doc = clause.doc
    return Citation(
        council=clause.council,
        clause_id=clause.id,
        label=clause.label,
        document=doc.title,
        council_name=doc.council_name,
        text=clause.cited_text,
        quote=clause.text,
        context=list(clause.context),
        heading=list(clause.heading_path),
        score=0.0,
        freshness=doc.freshness_note(today),
    )


# Workflow conversation -------------------------------------------------------------------


def form(outs: Sequence[Out], library: Library, today: dt.date) -> list[Reply]:
    return [_out(o, library, today) for o in outs]


def _out(out: Out, library: Library, today: dt.date) -> Reply:
    if isinstance(out, Say):
        return Reply(kind=_TONE[out.tone], text=out.text)
    if isinstance(out, Cited):
        return _cited(out, library, today)
    if isinstance(out, Ask):
        return _ask(out)
    if isinstance(out, Summary):
        return _summary(out)
    return _edit_menu(out)


def _cited(out: Cited, library: Library, today: dt.date) -> Reply:
    cites = cite_ids(library, out.clause_ids, today)
    spec = out.spec
    opening = f"{spec.title}. {spec.intro}".strip()
    silent = " or ".join(out.silent)
    if not cites:
        about = f": it says nothing about {silent}" if silent else ""
        text = f"{opening}\nYour council's policy is silent on this{about}."
        return Reply(kind=ReplyKind.NOTICE, text=text)
    lines = [opening, f"The policy: {cites[0].label}"]
    if silent:
        lines.append(f"It says nothing about {silent}.")
    return Reply(
        kind=ReplyKind.NOTICE, text="\n".join(lines), quote=cites[0].quote, citations=cites
    )


def _ask(out: Ask) -> Reply:
    field = out.field
    text = f"({out.number}/{out.total}) {field.prompt}"
    if out.error:
        text = f"Sorry, {out.error}. For example: {field.example}\n{text}"
    buttons = [
        Button(label=c.label[:75], action=Action.REPLY, value=c.value) for c in field.choices
    ]
    if field.optional:
        buttons.append(Button(label="Skip", action=Action.REPLY, value="skip"))
    if out.number > 1:
        buttons.append(Button(label="Back", action=Action.REPLY, value="back"))
    buttons.append(Button(label="Cancel", action=Action.REPLY, value="cancel"))
    return Reply(
        kind=ReplyKind.ERROR if out.error else ReplyKind.PROMPT, text=text, buttons=buttons
    )


def _summary(out: Summary) -> Reply:
    spec = out.spec
    rows = [Row(label=f.label, value=f.show(out.data.get(f.name))) for f in spec.fields]
    checks = [("✓ " if f.ok else "✗ ") + f.message for f in out.findings]
    text = "\n".join(
        [*([out.error] if out.error else []), f"Please check your {spec.title.lower()}:", *checks]
    )
    buttons = [
        Button(label="Confirm and send", action=Action.REPLY, value="confirm", style="primary")
    ]
    buttons += [
        Button(label=f.fix_label or "Fix", action=Action.REPLY, value=f"fix:{f.fix}")
        for f in out.findings
        if f.fix and not f.ok
    ]
    buttons += [
        Button(label="Edit", action=Action.REPLY, value="edit"),
        Button(label="Cancel", action=Action.REPLY, value="cancel", style="danger"),
    ]
    kind = ReplyKind.ERROR if out.error else ReplyKind.SUMMARY
    return Reply(kind=kind, text=text, fields=rows, buttons=buttons)


def _edit_menu(out: EditMenu) -> Reply:
    buttons = [
        Button(label=f.label[:75], action=Action.REPLY, value=f"edit:{f.name}")
        for f in out.spec.fields
    ]
    buttons.append(Button(label="Back to the summary", action=Action.REPLY, value="back"))
    return Reply(kind=ReplyKind.PROMPT, text="Which answer do you want to change?", buttons=buttons)


# Requests ---------------------------------------------------------------------------------


def request_card(
    record: RequestRecord,
    spec: WorkflowSpec,
    people: Directory,
    *,
    decider: bool,
    heading: str = "",
) -> Reply:
    """A request as the Clerk sees it: its answers, its checks, and the buttons still open."""
    requester = people.name_of(record.requester_id, record.requester_name)
    rows = [
        Row(label="Requested by", value=requester),
        Row(label="Status", value=status(record, spec, people)),
    ]
    rows += [
        Row(label=f.label, value=f.show(record.data.get(f.name)))
        for f in spec.fields
        if f.name in record.data
    ]
    rows += _conversation_rows(record)
    text = heading or f"{record.id} · {spec.title} from {requester}"
    flags = record.data.get("_findings") or []
    if flags:
        text += "\n" + "\n".join(f"✗ {flag}" for flag in flags)
    buttons = [
        Button(
            label=d.label, action=Action.DECIDE, value=f"{record.id}:{d.key}", style=_style(d.style)
        )
        for d in spec.decisions
        if decider and record.state in d.from_states
    ]
    kind = (
        ReplyKind.WARNING
        if spec.urgent and record.state == spec.initial_state
        else ReplyKind.REQUEST
    )
    return Reply(
        kind=kind, text=text, fields=rows, buttons=buttons, request_id=record.id, urgent=spec.urgent
    )


def _conversation_rows(record: RequestRecord) -> list[Row]:
    rows = []
    for qa in record.data.get("answers") or []:
        rows.append(Row(label="Clerk asked", value=str(qa.get("question"))))
        rows.append(Row(label="Answer", value=str(qa.get("answer"))))
    question = record.data.get("open_question")
    if isinstance(question, dict):
        rows.append(
            Row(label="Clerk asked", value=f"{question.get('question')} (waiting for an answer)")
        )
    return rows


def decided_line(record: RequestRecord, spec: WorkflowSpec, people: Directory) -> str | None:
    """ "approved by Jane Clerk at 14:03 on Sat 21 Nov 2026", once a final decision is taken."""
    decision = spec.decision(record.decision) if record.decision else None
    if decision is None or record.decided_by is None or record.decided_at is None:
        return None
    return f"{decision.verb} by {people.name_of(record.decided_by)} at {when(record.decided_at)}"


def status(record: RequestRecord, spec: WorkflowSpec, people: Directory) -> str:
    """ "Approved by Jane Clerk at 14:03 on Sat 21 Nov 2026", or the open state."""
    decided = decided_line(record, spec, people)
    if decided:
        return decided[0].upper() + decided[1:]
    return _STATES.get(record.state, record.state.replace("_", " ").capitalize())


_STATES = {
    "pending": "Waiting for the Clerk",
    "open": "Waiting for the Clerk (urgent)",
    "submitted": "Waiting for the Clerk",
    "acknowledged": "Acknowledged, being dealt with",
    "info_requested": "The Clerk has asked a question",
}


def listing(
    records: Sequence[RequestRecord],
    title: str,
    empty: str,
    specs: dict[str, WorkflowSpec],
    people: Directory,
) -> Reply:
    if not records:
        return Reply(kind=ReplyKind.LIST, text=empty)
    rows = [Row(label=r.id, value=_line(r, specs.get(r.workflow), people)) for r in records]
    buttons = [Button(label=f"Open {r.id}", action=Action.SHOW, value=r.id) for r in records[:5]]
    return Reply(kind=ReplyKind.LIST, text=title, fields=rows, buttons=buttons)


def _line(record: RequestRecord, spec: WorkflowSpec | None, people: Directory) -> str:
    if spec is None:
        return f"{record.workflow}: {record.state}"
    return f"{spec.title}: {_headline(record)} — {status(record, spec, people)}"


def _headline(record: RequestRecord) -> str:
    data = record.data
    for key in ("name", "headline", "device", "content", "question"):
        if data.get(key):
            text = str(data[key])
            return text if len(text) <= 60 else text[:57] + "..."
    return ""


def _style(style: str) -> Literal["primary", "danger", "default"]:
    if style == "primary":
        return "primary"
    return "danger" if style == "danger" else "default"
