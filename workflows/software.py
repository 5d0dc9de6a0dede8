"""Permission to install software: the Clerk approves, rejects or asks for more."""

from __future__ import annotations

from workflows.fields import LongText, ShortText, YesNo
from workflows.roles import EVERYONE
from workflows.spec import Decision, FormField, WorkflowSpec


def _personal_data_note(value: object) -> str | None:
    if value is True:
        return (
            "Because it will handle personal data, the Clerk will also check it against the "
            "council's data protection duties before approving it."
        )
    return None


SOFTWARE = WorkflowSpec(
    key="software",
    prefix="SW",
    title="Software request",
    summary="Ask the Clerk's permission to install or use new software",
    start_label="Request software",
    intents=(
        r"\bi(?:'d| would)? (?:need|want|like|wish|have) to (?:install|download|load|add|get)\b",
        r"\b(?:software request|request (?:some |new )?software)\b",
        r"\bplease (?:install|download|put)\b",
        # Asking someone to act, or to be given it: "could you install dropbox for me?",
        # "can we get MS Teams on both laptops". (Whether it is allowed is a question.)
        r"\b(?:can|could|would|will)\s+(?:you|someone|somebody)\s+(?:please\s+)?"
        r"(?:install|download|put|add|set up|get)\b",
        r"\b(?:can|could)\s+(?:i|we)\s+(?:please\s+)?get\s+\S.{0,40}?"
        r"\b(?:installed|put on|on (?:my|the|our|both|all))\b",
    ),
    intro="Software needs the Clerk's permission before it goes on council equipment.",
    fields=(
        FormField("name", "Software", "What software do you want to install?", "Zoom", ShortText),
        FormField(
            "version",
            "Version and vendor or link",
            "Which version, and who makes it (or a link to it)?",
            "Zoom Workplace 6.2, Zoom Video Communications, https://zoom.us/download",
            ShortText,
        ),
        FormField(
            "purpose",
            "Business purpose",
            "What council work is it for?",
            "Holding remote committee meetings with the public",
            LongText,
        ),
        FormField(
            "devices",
            "Device(s)",
            "Which council device(s) will it go on?",
            "The Clerk's office laptop and the meeting-room PC",
            ShortText,
        ),
        FormField(
            "cost",
            "Cost and licence",
            "What does it cost, and under what licence?",
            "Free basic licence; Pro is £13.99 a month",
            ShortText,
        ),
        FormField(
            "personal_data",
            "Handles personal data",
            "Will it handle personal data (names, emails, addresses of residents, staff or "
            "councillors)? Yes or no.",
            "yes",
            YesNo,
            after=_personal_data_note,
        ),
    ),
    decisions=(
        Decision("approve", "Approve", ("pending",), "approved", style="primary", verb="approved"),
        Decision(
            "reject",
            "Reject",
            ("pending",),
            "rejected",
            note="required",
            note_prompt="Why is it rejected? The requester will see your reason.",
            style="danger",
            verb="rejected",
        ),
        Decision(
            "ask",
            "Ask for more information",
            ("pending",),
            "info_requested",
            note="required",
            note_prompt="What do you need to know? Your question goes to the requester.",
            final=False,
            verb="asked for more information on",
        ),
    ),
    starters=EVERYONE,
)
