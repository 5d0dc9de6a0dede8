"""A press release near the 6,000-character limit whose end only shows if nothing was cut.

Shared by the Slack, Teams and terminal tests: each files it and looks for `LAST` on the
Clerk's card. Plain ASCII with no phone numbers, addresses or claims to speak for the
council, so the release passes the policy checks and can be sent.
"""

from __future__ import annotations

from tests.workflows.bindings import WATTON_STATEMENT as STATEMENT

#: The last sentence: the required statement, made unmistakable, and nowhere else.
LAST = f"{STATEMENT}, and every word of it is mine alone: Chris Smith, Watton, November 2026."

HEADLINE = "New play area opens on the Recreation Ground"
SIGNATORY = "Chris Smith"

_SENTENCES = (
    "The new play area on the Recreation Ground opened on Saturday morning after two years "
    "of planning, fundraising and building by people who live in the town.",
    "Families queued at the gate before nine o'clock, and by ten the swings, the climbing "
    "frame and the sandpit were full of children who had waited a very long time for them.",
    "Volunteers from the allotment society laid the paths, and the youth club painted the "
    "mural on the fence with the help of a local artist who gave her time for nothing.",
    "The equipment was chosen by the children themselves, who voted at school assemblies "
    "and in the library over three weeks last spring.",
    "Several parents told me that the old play area had been closed for so long that their "
    "children had never known it open, and that this felt like a new start for the park.",
    "I want to thank the contractors, who finished a week early despite the wet autumn, and "
    "the neighbours, who put up with the noise and the lorries with great patience.",
)


def release_body(paragraphs: int = 12) -> str:
    """Paragraphs of plain sentences, then `LAST`: between 5,500 and 6,000 characters."""
    parts = []
    for n in range(paragraphs):
        first = _SENTENCES[n % len(_SENTENCES)]
        rest = " ".join(_SENTENCES[(n + k) % len(_SENTENCES)] for k in (2, 3))
        parts.append(f"{n + 1}. {first} {rest}")
    body = "\n\n".join([*parts, LAST])
    assert 5500 <= len(body) <= 6000, len(body)
    return body


def filing_lines(body: str) -> list[str]:
    """What a councillor types, from asking to sending (photographs: no)."""
    return [
        "I want to put out a press release",
        HEADLINE,
        body,
        SIGNATORY,
        "no",
        "confirm",
    ]
