"""A question for the Clerk: what the policy doesn't answer goes to the person who knows.

Filed from a "not covered" answer's *Ask the Clerk* button (or the request menu). The Clerk
answers in a text box, links the question to the clause that does answer it (the question
then joins the council's question bank, so the next person asking is answered from the
policy), or marks it as not in the policy, for the next policy review.
"""

from __future__ import annotations

from workflows.fields import LongText
from workflows.roles import EVERYONE
from workflows.spec import Decision, FormField, WorkflowSpec

QUESTION = WorkflowSpec(
    key="question",
    prefix="QU",
    title="Question for the Clerk",
    summary="Ask the Clerk something the policy doesn't answer",
    start_label="Ask the Clerk",
    # Asked for in so many words; "should I ask the clerk?" is a question, not a request.
    intents=(
        r"^\s*(?:(?:can|could) you |please )?ask the clerk\b(?! (?:about|if|whether)\b)",
        r"\b(?:i have|i've got|got) a question for the clerk\b",
    ),
    intro="The policy doesn't answer this, so it goes to the Clerk.",
    fields=(
        FormField(
            "question",
            "Question",
            "What would you like to ask the Clerk?",
            "Can I use my own laptop for council email?",
            LongText,
            verbatim=True,
        ),
    ),
    decisions=(
        Decision(
            "reply",
            "Answer",
            ("pending",),
            "answered",
            note="required",
            note_prompt="Your answer: the person who asked will see it.",
            style="primary",
            verb="answered",
        ),
        Decision(
            "link",
            "Link to a clause",
            ("pending",),
            "linked",
            note="required",
            note_prompt=(
                "Which clause answers it? Give its number as the policy shows it (e.g. §5.3). "
                "The person who asked is sent the clause, and the next person to ask gets it."
            ),
            verb="linked to the policy",
            note_names_clause=True,
        ),
        Decision(
            "not_covered",
            "Not in our policy",
            ("pending",),
            "not_in_policy",
            note="required",
            note_prompt="What should they do instead? (Kept for the next policy review.)",
            verb="marked as not in the policy",
        ),
    ),
    starters=EVERYONE,
)
