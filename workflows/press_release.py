"""A councillor's personal press release, checked against the policy before the Clerk sees it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from workflows.fields import Body, ShortText, YesNo
from workflows.roles import Role
from workflows.spec import Decision, Finding, FormField, WorkflowSpec
from workflows.topics import BoundClause, Policy

_TITLE = re.compile(r"\b(councillor|cllr)\b\.?", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_PHONE = re.compile(r"(?<!\d)(?:\+44\s?|0)(?:\d[\s-]?){9,10}(?!\d)")
_FOR_THE_COUNCIL = re.compile(
    r"\b(on behalf of (the|our) (town |parish )?council|the (town |parish )?council('s)? "
    r"(view|position|has decided|says|believes|supports|opposes)|speaking for the council"
    r"|official (statement|view|position))\b",
    re.IGNORECASE,
)

#: A sentence the policy quotes ("... the following statement: "This is ..."").
_QUOTED = re.compile(r"\"([^\"]{20,})\"|\u201c([^\u201d]{20,})\u201d")

#: The checks, each resting on the topic of the same name (workflows/data/topics.toml).
CHECKS = ("signature", "statement", "personal_data", "speaking_for", "photographs")
#: What a bound clause must speak of for its check to run: a clause bound by mistake
#: imposes nothing it doesn't say. (The statement check needs the sentence quoted.)
_STATES = {
    "signature": re.compile(r"\bsign", re.IGNORECASE),
    "personal_data": re.compile(r"\bpersonal (?:data|information|details)\b", re.IGNORECASE),
    "speaking_for": re.compile(r"\bbehalf\b|\brepresent|\bopinions?\b", re.IGNORECASE),
    "photographs": re.compile(r"\bphotograph", re.IGNORECASE),
}


def _rules(policy: Policy) -> dict[str, str]:
    """The clause each check rests on: the first bound clause that states its rule; a
    check runs only where the policy has one."""
    rules = {}
    for name, states in _STATES.items():
        stated = next((c for c in policy.on(name) if states.search(c.text)), None)
        if stated is not None:
            rules[name] = stated.id
    return rules


def required_statement(policy: Policy) -> tuple[str, BoundClause] | None:
    """The sentence a personal release must contain, as the policy's statement clause
    quotes it, and that clause; None when the policy quotes no such sentence."""
    for clause in policy.on("statement"):
        quoted = _QUOTED.search(clause.text)
        if quoted:
            sentence = " ".join((quoted.group(1) or quoted.group(2)).split())
            return sentence.rstrip(".").strip(), clause
    return None


def check(data: Mapping[str, Any], policy: Policy) -> list[Finding]:
    """The release against the council's policy: each check its bound clause imposes."""
    rules = _rules(policy)
    body = str(data.get("body") or "")
    signatory = str(data.get("signatory") or "")
    found: list[Finding] = []
    if "signature" in rules and signatory:
        found.append(_signature(signatory, rules["signature"]))
    statement = required_statement(policy)
    if statement and body:
        found.append(_statement(body, *statement))
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


def _statement(body: str, sentence: str, clause: BoundClause) -> Finding:
    if sentence.casefold() in " ".join(body.split()).casefold():
        return Finding(True, "Contains the personal-statement sentence.", clause.id)
    return Finding(
        False,
        f'Missing the sentence "{sentence}".',
        clause.id,
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


def append_statement(data: dict[str, Any], policy: Policy) -> dict[str, Any]:
    """The policy's required sentence added at the end (nothing, where it has none)."""
    statement = required_statement(policy)
    body = str(data.get("body") or "").rstrip()
    if statement is None:
        return dict(data)
    sentence = statement[0]
    if sentence.casefold() not in " ".join(body.split()).casefold():
        body = f"{body}\n\n{sentence}."
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
            "I am delighted that the new play area on the Recreation Ground is open at last.",
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
