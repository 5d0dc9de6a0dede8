"""An abusive or inappropriate post on the council's pages, for the Clerk as moderator."""

from __future__ import annotations

from workflows.fields import Link, LongText, YesNo
from workflows.roles import EVERYONE
from workflows.spec import Choice, Decision, FormField, WorkflowSpec

DANGER = "If anyone is in immediate danger, call 999 first. Then come back to this report."

#: What councils' policies list as content to remove, plus harassment and threats, which
#: every council's policy forbids.
CATEGORIES = (
    Choice("obscene_racist", "Obscene or racist content"),
    Choice("personal_attack", "Personal attacks, insults or threatening language"),
    Choice("libel", "Potentially libellous statements"),
    Choice("unlawful", "Plagiarised or unlawful material"),
    Choice("private_info", "Private, personal information published without consent"),
    Choice("off_topic", "Information or links unrelated to the forum"),
    Choice("spam", "Commercial promotions or spam"),
    Choice("breach", "Alleged breach of the council's policy or the law"),
    Choice("harassment", "Harassment"),
    Choice("threats", "Threats"),
)


def _at_risk(value: object) -> str | None:
    return DANGER if value is True else None


def _note(prompt: str) -> str:
    return f"{prompt} The note is recorded for council records."


def _decision(key: str, label: str, state: str, verb: str, style: str = "default") -> Decision:
    return Decision(
        key,
        label,
        ("pending",),
        state,
        note="required",
        note_prompt=_note("What was done, and why?"),
        style=style,
        verb=verb,
    )


ABUSIVE_POST = WorkflowSpec(
    key="abusive_post",
    prefix="AB",
    title="Abusive or inappropriate post",
    summary="Report an abusive or inappropriate post on the council's social media or website",
    start_label="Report a post to the Clerk",
    intents=(
        # Someone posted ... and it is hostile: "they posted the agenda" starts nothing.
        r"\b(?:someone|somebody|a resident|a member of the public|people|they|he|she)\b.{0,40}"
        r"\b(?:posted|commented|wrote|put up|tweeted|shared|is posting|keeps posting)\b.{0,60}"
        r"\b(?:nasty|abus\w*|offensive|rude|threat\w*|racist|horrible|defamatory|lies|lying|liar"
        r"|insult\w*|vile|hateful|inappropriate|harass\w*|attack\w*)",
        r"\b(?:abusive|nasty|offensive|threatening|racist|defamatory|inappropriate|horrible)"
        r" (?:post|comment|message|tweet|reply|review)s?\b",
        r"\breport (?:a |an |this )?(?:post|comment|message)\b",
        # A post described, not named abusive: "a comment under our post calling cllr x a liar".
        r"\b(?:comment|post|reply|review|message)s?\b.{0,60}\b(?:calling|called|threaten\w*|"
        r"swearing|racist|homophobic|sexist)\b",
    ),
    preamble=lambda policy: DANGER,
    intro="The Clerk moderates the council's pages and decides what happens to the post.",
    fields=(
        FormField(
            "platform",
            "Where",
            "Where was it posted?",
            "Facebook",
            choices=(
                Choice("facebook", "Facebook"),
                Choice("x", "X (Twitter)"),
                Choice("instagram", "Instagram"),
                Choice("nextdoor", "Nextdoor"),
                Choice("website", "The council's website"),
                Choice("other", "Somewhere else"),
            ),
        ),
        FormField(
            "link",
            "Link",
            "A link to the post, if you have one (or say skip).",
            "https://www.facebook.com/wattontc/posts/123",
            Link,
            optional=True,
        ),
        FormField(
            "content",
            "What it says",
            "What does it say? Paste it, or describe it.",
            "A comment calling the Clerk a liar and giving her home address",
            LongText,
            verbatim=True,
        ),
        FormField(
            "target",
            "Who it targets",
            "Who does it target?",
            "staff",
            choices=(
                Choice("staff", "A member of staff"),
                Choice("councillor", "A councillor"),
                Choice("resident", "A resident"),
                Choice("nobody", "Nobody in particular"),
            ),
        ),
        FormField(
            "category", "Category", "What kind of content is it?", "Threats", choices=CATEGORIES
        ),
        FormField(
            "at_risk",
            "Anyone at risk",
            "Is anyone at risk of harm because of it? Yes or no.",
            "no",
            YesNo,
            after=_at_risk,
        ),
        FormField(
            "author",
            "Posted by",
            "Who posted it, if you know (or say skip)?",
            "A profile called 'Watton Truth'",
            LongText,
            optional=True,
        ),
    ),
    decisions=(
        _decision("remove", "Remove and report to host", "removed", "removed", "danger"),
        _decision("block", "Block poster", "blocked", "blocked the poster of"),
        _decision("no_action", "No action", "no_action", "decided no action on"),
        _decision("refer", "Refer to a council meeting", "referred", "referred to council"),
    ),
    starters=EVERYONE,
)
