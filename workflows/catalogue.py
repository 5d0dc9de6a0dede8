"""Every workflow the council offers, by key and by request-id prefix, and what each
council's policy says on their topics (the bindings the app resolved)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from workflows.abusive_post import ABUSIVE_POST
from workflows.clerk_question import QUESTION
from workflows.press_release import PRESS_RELEASE
from workflows.software import SOFTWARE
from workflows.spec import WorkflowSpec
from workflows.topics import Bindings, Policy
from workflows.virus import VIRUS


@dataclass(frozen=True, slots=True)
class Catalogue:
    specs: tuple[WorkflowSpec, ...] = (SOFTWARE, VIRUS, PRESS_RELEASE, ABUSIVE_POST, QUESTION)
    #: The clauses each council's policy binds to the workflows' topics.
    bindings: Bindings = field(default_factory=Bindings)
    _intents: Mapping[str, tuple[re.Pattern[str], ...]] = field(init=False)

    def __post_init__(self) -> None:
        compiled = {
            s.key: tuple(re.compile(p, re.IGNORECASE) for p in s.intents) for s in self.specs
        }
        object.__setattr__(self, "_intents", compiled)

    def __iter__(self) -> Iterator[WorkflowSpec]:
        return iter(self.specs)

    def get(self, key: str) -> WorkflowSpec | None:
        return next((s for s in self.specs if s.key == key), None)

    def policy(self, council: str, workflow: str) -> Policy:
        """What the council's policy says on the workflow's topics."""
        return self.bindings.policy(council, workflow)

    def for_request(self, request_id: str) -> WorkflowSpec | None:
        prefix = request_id.partition("-")[0].upper()
        return next((s for s in self.specs if s.prefix == prefix), None)

    def intended(self, text: str) -> WorkflowSpec | None:
        """The workflow a message asks to start, by its declared intents."""
        for spec in self.specs:
            if any(p.search(text) for p in self._intents[spec.key]):
                return spec
        return None
