"""What an opening message is: a request to start (and what it already says for the
form), or a question for the policy. Commands are recognised before this (commands.py).

"is zoom allowed?" asks about the policy; "can you put zoom on the office pc?" asks for
something to be done, and "I need to install Zoom on my laptop for council meetings"
says three of the form's answers already.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.commands import looks_like_question
from workflows import engine
from workflows.catalogue import Catalogue
from workflows.slots import read_slots
from workflows.spec import WorkflowSpec

#: Asking for something to be done rather than whether it may be: someone else is to act
#: ("can you…", "could someone…"), it is to be had ("can I get X put on…"), or asked for.
_ASKS_FOR_ACTION = re.compile(
    r"\b(?:can|could|would|will)\s+(?:you|someone|somebody|we get|i get|i have|i please)\b"
    r"|\b(?:get|have)\s+(?:\S+\s+){1,4}?(?:installed|put on|set up|downloaded|added)\b"
    r"|\bplease\b|\bfor me\b",
    re.IGNORECASE,
)


#: How a question opens when people leave off the question mark.
_QUESTION_WORD = re.compile(
    r"\s*(?:what|whats|what's|who|whos|who's|how|can|could|is|are|does|do|should|when|"
    r"where|why|will|would|am|may|if)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Understood:
    #: The request the message starts (None: a question for the policy).
    spec: WorkflowSpec | None = None
    #: The form's answers it already gives, parsed as the form parses them.
    prefill: dict[str, object] = field(default_factory=dict)


def understand(text: str, catalogue: Catalogue) -> Understood:
    spec = catalogue.intended(text)
    if spec is None:
        return Understood()
    said = read_slots(spec, text)
    asks = looks_like_question(text) or _QUESTION_WORD.match(text)
    names_it = spec.fields[0].name in said  # the software, the device, where it was posted
    if asks and not (_ASKS_FOR_ACTION.search(text) and names_it):
        return Understood()  # asking whether, not asking for: the answer offers the form
    values, _ = engine.parse_answers(spec, said)  # what wouldn't be accepted is asked
    return Understood(spec, values)
