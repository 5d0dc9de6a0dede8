"""What an opening message is: a request to start (and what it already says for the
form), or a question for the policy. Commands are recognised before this (commands.py).

"is zoom allowed?" asks about the policy; "can you put zoom on the office pc?" asks for
something to be done, and "I need to install Zoom on my laptop for council meetings"
says three of the form's answers already.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.commands import asks_something
from knowledge.semantic.examples import ExampleReader
from workflows import engine
from workflows.catalogue import Catalogue
from workflows.intents import QUESTION
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


#: How sure the examples must be before a message with none of a workflow's own words
#: starts it: most of the nearest examples agree, and the nearest is close.
_AGREE = 0.6
_CLOSE = 0.5


@dataclass(frozen=True, slots=True)
class Understood:
    #: The request the message starts (None: a question for the policy).
    spec: WorkflowSpec | None = None
    #: The form's answers it already gives, parsed as the form parses them.
    prefill: dict[str, object] = field(default_factory=dict)


def understand(text: str, catalogue: Catalogue, reader: ExampleReader | None = None) -> Understood:
    asks = asks_something(text)
    spec = catalogue.intended(text)
    if spec is None and reader is not None and not asks:
        spec = _by_meaning(text, catalogue, reader)
    if spec is None:
        return Understood()
    said = read_slots(spec, text)
    names_it = spec.fields[0].name in said  # the software, the device, where it was posted
    if asks and not (_ASKS_FOR_ACTION.search(text) and names_it):
        return Understood()  # asking whether, not asking for: the answer offers the form
    values, _ = engine.parse_answers(spec, said)  # what wouldn't be accepted is asked
    return Understood(spec, values)


def _by_meaning(text: str, catalogue: Catalogue, reader: ExampleReader) -> WorkflowSpec | None:
    """A report or request in words no workflow's intents know ("the mouse is moving on
    its own"), by the examples nearest in meaning; a question stays a question."""
    reading = reader.read(text)
    if reading is None or reading.label == QUESTION:
        return None
    if reading.share < _AGREE or reading.nearest < _CLOSE:
        return None
    return catalogue.get(reading.label)
