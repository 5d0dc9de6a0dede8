"""A councillor's personal press release, checked against the policy before the Clerk sees it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from workflows.fields import Body, ShortText, YesNo
from workflows.roles import Role
from workflows.spec import Decision, Finding, FormField, WorkflowSpec

#: Watton 3.7's required sentence, exactly as adopted.
STATEMENT = "This is a personal statement and is not necessarily the view of the Town Council"

_TITLE = re.compile(r"\b(councillor|cllr)\b\.?", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_PHONE = re.compile(r"(?<!\d)(?:\+44\s?|0)(?:\d[\s-]?){9,10}(?!\d)")
_FOR_THE_COUNCIL = re.compile(
    r"\b(on behalf of (the|our) (town |parish )?council|the (town |parish )?council('s)? "
    r"(view|position|has decided|says|believes|supports|opposes)|speaking for the council"
    r"|official (statement|view|position))\b",
    re.IGNORECASE,
)

#: Per council, the clause each check rests on; a check runs only where the policy has it.
_RULES: Mapping[str, Mapping[str, str]] = {
    "watton": {
        "signature": "watton/3.7",
        "statement": "watton/3.7",
        "personal_data": "watton/11.1(g)",
        "speaking_for": "watton/13.3",
        "photographs": "watton/3.4",
    },
    "croft": {"speaking_for": "croft/9/1"},
    "rugeley": {"speaking_for": "rugeley/4.3", "photographs": "rugeley/4.9/11"},
    "crewe": {
        "speaking_for": "crewe/personal-guidance-for-councillors-using-digital-channels-and-"
        "social-media/14",
    },
    "flitwick": {
        "speaking_for": "flitwick/personal-guidance-for-councillors-using-digital-channels-and-"
        "social-media/14",
    },
}


def check(data: Mapping[str, Any], council: str) -> list[Finding]:
    rules = _RULES.get(council, {})
    body = str(data.get("body") or "")
    signatory = str(data.get("signatory") or "")
    found: list[Finding] = []
    if "signature" in rules and signatory:
        found.append(_signature(signatory, rules["signature"]))
    if "statement" in rules and body:
        found.append(_statement(body, rules["statement"]))
    if "personal_data" in rules and body:
        found.append(_personal_data(body, rules["personal_data"]))
    if "speaking_for" in rules and body:
        found.append(_speaking_for(body, rules["speaking_for"]))
    if "photographs" in rules and data.get("photos") is True:
        found.append(_photographs(rules["photographs"]))
    return found


def _signature(signatory: str, clause: str) -> Finding:
    if _TITLE.search(signatory):
        return Finding(
            False,
            'Signed with "Councillor" or "Cllr": a personal release must be signed personally, '
            "without the title.",
            clause,
            blocking=True,
        )
    return Finding(True, "Signed personally, without Councillor or Cllr.", clause)


def _statement(body: str, clause: str) -> Finding:
    if STATEMENT.casefold() in " ".join(body.split()).casefold():
        return Finding(True, "Contains the personal-statement sentence.", clause)
    return Finding(
        False,
        f'Missing the sentence "{STATEMENT}".',
        clause,
        blocking=True,
        fix="append-statement",
        fix_label="Append the statement",
    )


def _personal_data(body: str, clause: str) -> Finding:
    emails, phones = _EMAIL.findall(body), _PHONE.findall(body)
    if emails or phones:
        kinds = " and ".join(
            k for k, v in (("email addresses", emails), ("phone numbers", phones)) if v
        )
        return Finding(
            False,
            f"Contains {kinds}: make sure no one else's personal details are published "
            "without their consent.",
            clause,
        )
    return Finding(True, "No email addresses or phone numbers found.", clause)


def _speaking_for(body: str, clause: str) -> Finding:
    match = _FOR_THE_COUNCIL.search(body)
    if match:
        return Finding(
            False,
            f'"{match.group(0)}" reads as speaking for the council; a personal release '
            "mustn't claim to.",
            clause,
        )
    return Finding(True, "Doesn't claim to speak for the council.", clause)


def _photographs(clause: str) -> Finding:
    return Finding(
        False,
        "Photographs relating to council matters need the Clerk's permission before they go "
        "to the press.",
        clause,
    )


def append_statement(data: dict[str, Any]) -> dict[str, Any]:
    body = str(data.get("body") or "").rstrip()
    if STATEMENT.casefold() not in body.casefold():
        body = f"{body}\n\n{STATEMENT}."
    return {**data, "body": body}


PRESS_RELEASE = WorkflowSpec(
    key="press_release",
    prefix="PR",
    title="Personal press release",
    summary="Councillors: check a personal press release and send it to the Clerk for the record",
    start_label="Check a press release",
    intents=(
        r"\b(?:put out|issue|send out|write|draft|publish|release|do|submit) (?:a |an |my )?"
        r"(?:personal |new )?press (?:release|statement)\b",
        r"\bpress release\b.{0,40}\b(?:i want|i'd like|i would like|to send|to issue)\b",
    ),
    clauses={
        "watton": ("watton/3.6", "watton/3.7"),
        "croft": ("croft/1/5",),
        "rugeley": ("rugeley/4.3",),
    },
    intro="I'll check your release against the policy before it goes to the Clerk.",
    fields=(
        FormField(
            "headline",
            "Headline",
            "What is the headline?",
            "New play area opens on the Recreation Ground",
            ShortText,
        ),
        FormField(
            "body",
            "Body",
            "Paste the text of the release (one message).",
            "I am delighted that the new play area ... " + STATEMENT + ".",
            Body,
            verbatim=True,
        ),
        FormField(
            "signatory",
            "Signed by",
            "Whose name is it signed with, exactly as it will appear?",
            "Chris Smith",
            ShortText,
        ),
        FormField(
            "photos",
            "Photographs",
            "Will any photographs go with it? Yes or no.",
            "no",
            YesNo,
        ),
    ),
    decisions=(
        Decision("noted", "Noted", ("submitted",), "noted", style="primary", verb="noted"),
        Decision(
            "return",
            "Return with comments",
            ("submitted",),
            "returned",
            note="required",
            note_prompt="Your comments for the councillor:",
            verb="returned",
        ),
    ),
    starters=frozenset({Role.COUNCILLOR}),
    checks=check,
    fixes={"append-statement": append_statement},
    initial_state="submitted",
)
