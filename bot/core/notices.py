"""Outbox events -> Reply, for whoever receives them (the Clerk's channel, a requester)."""

from __future__ import annotations

from bot.core.present import request_card, status
from bot.core.recipients import Recipient, ToClerks, ToPerson
from bot.messages import Action, Button, Reply, ReplyKind
from workflows.events import Decided, Event, InfoAnswered, NewRequest, Reminder
from workflows.people import Directory
from workflows.spec import WorkflowSpec
from workflows.store import RequestRecord


def notice(
    event: Event,
    record: RequestRecord,
    spec: WorkflowSpec,
    people: Directory,
    recipient: Recipient,
) -> Reply:
    person = people.get(recipient.person_id) if isinstance(recipient, ToPerson) else None
    decider = isinstance(recipient, ToClerks) or (
        person is not None and person.role in spec.deciders
    )
    if isinstance(event, NewRequest):
        return _new(record, spec, people, decider=decider)
    if isinstance(event, Decided):
        if recipient == ToPerson(record.requester_id):
            return _to_requester(event, record, spec, people)
        return _card(record, spec, people, decider, f"{record.id} · {status(record, spec, people)}")
    if isinstance(event, InfoAnswered):
        heading = (
            f"{people.name_of(event.by)} answered your question on {record.id}: {event.answer}"
        )
        return _card(record, spec, people, decider, heading)
    return _reminder(event, record, spec, people, decider)


def _new(record: RequestRecord, spec: WorkflowSpec, people: Directory, *, decider: bool) -> Reply:
    who = people.name_of(record.requester_id, record.requester_name)
    urgent = "URGENT: " if spec.urgent else ""
    heading = f"{urgent}new {spec.title.lower()} {record.id} from {who}"
    if not decider:
        heading += " (for your information; the Clerk decides)"
    return _card(record, spec, people, decider, heading[0].upper() + heading[1:])


def _to_requester(
    event: Decided, record: RequestRecord, spec: WorkflowSpec, people: Directory
) -> Reply:
    decision = spec.decision(event.decision)
    by = people.name_of(event.by)
    if decision is not None and decision.to_state == "info_requested":
        text = f"{by} has a question about your {spec.title.lower()} {record.id}: {event.note}"
        answer = Button(
            label="Answer the Clerk", action=Action.ANSWER, value=record.id, style="primary"
        )
        return Reply(kind=ReplyKind.PROMPT, text=text, buttons=[answer], request_id=record.id)
    verb = decision.verb if decision else event.decision
    text = f"Your {spec.title.lower()} {record.id} was {verb} by {by}."
    if event.note:
        text += f"\n{by}'s note: {event.note}"
    return Reply(kind=ReplyKind.NOTICE, text=text, request_id=record.id)


def _reminder(
    event: Reminder, record: RequestRecord, spec: WorkflowSpec, people: Directory, decider: bool
) -> Reply:
    if event.level == "reminder":
        heading = f"Reminder: {record.id} ({spec.title.lower()}) has not been acknowledged yet."
    else:
        heading = (
            f"Escalated to you: {record.id} ({spec.title.lower()}) has not been acknowledged "
            "by the Clerk."
        )
    return _card(record, spec, people, decider, heading)


def _card(
    record: RequestRecord, spec: WorkflowSpec, people: Directory, decider: bool, heading: str
) -> Reply:
    return request_card(record, spec, people, decider=decider, heading=heading)
