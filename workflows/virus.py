"""A suspected virus: the safety instruction first, then the facts; urgent, escalated if unseen."""

from __future__ import annotations

import re

from workflows.fields import LongText, ShortText, YesNo
from workflows.roles import EVERYONE
from workflows.spec import Decision, FormField, WorkflowSpec
from workflows.topics import Policy

_SWITCH_OFF = (
    "First, stop using it: switch the equipment off and disconnect it from the network "
    "(unplug the cable, turn off Wi-Fi) until the virus can be dealt with. Don't try to fix it "
    "yourself. Then answer a few questions so the Clerk can act."
)
_STOP_AND_TELL_IT = (
    "First, stop using the computer immediately. I will tell the IT Service Provider and the "
    "Clerk as soon as you've answered a few questions (if you can, phone them too)."
)


_STOP_USING = re.compile(r"\bstop using\b", re.IGNORECASE)
_SWITCH = re.compile(r"\bswitch(?:ed)? (?:it |them )?off\b|\bisolat", re.IGNORECASE)


def _instruction(policy: Policy) -> str:
    """What the council's policy says to do first: where its clause says to stop using the
    computer (and not to switch it off), that; otherwise, and where the policy is silent,
    switch off and disconnect."""
    said = " ".join(c.text for c in policy.on("suspected"))
    if _STOP_USING.search(said) and not _SWITCH.search(said):
        return _STOP_AND_TELL_IT
    return _SWITCH_OFF


def _breach_duty(value: object) -> str | None:
    if value is True:
        return (
            "Personal data may be exposed, so this may be a data breach. The Clerk must be told "
            "straight away: a reportable breach has to reach the ICO within 72 hours. "
            "This report tells the Clerk, and marks it as a possible breach."
        )
    return None


VIRUS = WorkflowSpec(
    key="virus",
    prefix="VR",
    title="Suspected virus report",
    summary="Report a computer you think has a virus or malware",
    start_label="Report a suspected virus",
    intents=(
        r"\b(?:think|suspect|worried|afraid|looks like|might|may|has|have|got|caught)\b.{0,40}"
        r"\b(?:virus|malware|ransomware|trojan|infected|hacked)",
        r"\breport (?:a )?(?:suspected )?(?:virus|malware)\b",
        r"\b(?:is|was|has been|got|been) (?:infected|hacked|compromised)\b",
        # What a report says more often than "virus": the symptoms, or the click.
        r"\b(?:files?|documents?)\b.{0,30}\b(?:encrypted|locked|renamed|disappeared)\b",
        r"\b(?:ransom|pay (?:a |the )?bitcoin)\b",
        r"\b(?:mouse|cursor)\b.{0,20}\bmov(?:ing|es) (?:on its own|by itself)\b",
        r"\b(?:pop-?ups?)\b.{0,30}\b(?:everywhere|keep|won'?t|all over)\b",
        r"\b(?:clicked|opened)\b.{0,30}\b(?:dodgy|suspicious|strange|dodgey|fake|phishing)\b",
        r"\b(?:entered|typed|put in) (?:my|the) (?:password|login|details)\b.{0,40}"
        r"\b(?:link|site|email)\b",
    ),
    preamble=_instruction,
    intro="Suspected viruses are urgent: the Clerk and the IT service provider hear at once.",
    fields=(
        FormField(
            "device",
            "Device",
            "Which device is affected?",
            "The office laptop (asset 12)",
            ShortText,
        ),
        FormField(
            "symptoms",
            "Symptoms",
            "What is it doing?",
            "Pop-ups everywhere and files renamed to .locked",
            LongText,
        ),
        FormField(
            "started",
            "When it started",
            "When did it start?",
            "This morning about 9:30",
            ShortText,
        ),
        FormField(
            "trigger",
            "What was opened or clicked",
            "What was opened, clicked or plugged in just before? Say skip if you don't know.",
            "An invoice attachment from an unknown sender",
            LongText,
            optional=True,
        ),
        FormField(
            "personal_data",
            "Personal data may be exposed",
            "Could personal data (residents', staff or councillors' details) be exposed? "
            "Yes or no.",
            "yes",
            YesNo,
            after=_breach_duty,
        ),
    ),
    decisions=(
        Decision(
            "acknowledge",
            "Acknowledge",
            ("open",),
            "acknowledged",
            style="primary",
            final=False,
            verb="acknowledged",
        ),
        Decision(
            "resolve",
            "Resolved",
            ("open", "acknowledged"),
            "resolved",
            note="required",
            note_prompt="What was done? The note goes to the requester and the record.",
            verb="resolved",
        ),
    ),
    starters=EVERYONE,
    initial_state="open",
    urgent=True,
    notify_it=True,
)
