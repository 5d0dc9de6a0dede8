"""A form's next question that may not have reached its person.

A form step is saved, then its reply is sent. A crash between the two leaves the person
without the next question, and the platform will not resend what was acknowledged: their
next message would be stored as the answer to a question they never saw. So a saved step
is marked unseen until the platform has sent its reply; a message that finds the mark is
not taken as an answer, and the question is shown again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.core.ports import DraftStore
from bot.messages import Reply, ReplyKind
from workflows import engine
from workflows.catalogue import Catalogue
from workflows.engine import DraftState
from workflows.store import Draft

MARK = "unseen"
AGAIN = "I'm not sure my last question reached you, so I haven't taken that as its answer:"


def marked(state: dict[str, Any]) -> dict[str, Any]:
    return {**state, MARK: True}


def is_unseen(draft: Draft | None) -> bool:
    return draft is not None and draft.state.get(MARK) is True


async def seen(store: DraftStore, conversation: str) -> None:
    """The question went out: the person's next message answers it."""
    draft = await store.load_draft(conversation)
    if draft is not None and is_unseen(draft):
        state = {k: v for k, v in draft.state.items() if k != MARK}
        await store.save_draft(conversation, draft.user_id, draft.workflow, state, draft.expires_at)


def again(
    draft: Draft, catalogue: Catalogue, form: Callable[[list[engine.Out]], list[Reply]]
) -> list[Reply]:
    """The draft's current question, shown again, saying why."""
    state = DraftState.model_validate(draft.state)
    spec = catalogue.get(state.workflow)
    policy = catalogue.policy(state.council, state.workflow)
    asked = form(engine.resume(spec, state, policy)) if spec else []
    return [Reply(kind=ReplyKind.NOTICE, text=AGAIN), *asked]
