"""The clauses each workflow topic was bound to in the five bundled councils before topics
existed (the Python constants it replaces), and those bindings built for the tests."""

from __future__ import annotations

import functools

from knowledge.library import Library
from workflows.spec import WorkflowSpec
from workflows.topics import Bindings, BoundClause, Policy

#: Watton 3.7's required sentence, exactly as adopted.
WATTON_STATEMENT = (
    "This is a personal statement and is not necessarily the view of the Town Council"
)

_CREWE_GUIDANCE = "personal-guidance-for-councillors-using-digital-channels-and-social-media/14"
_MODERATOR = "use-of-digital-and-social-media-channels-owned-by-{}-town-council/1"
_SOFTWARE = ("virus-controls/2", "use-of-computer-equipment/item-2")

#: council -> topic -> clause ids; a topic left out is bound to nothing.
EXPECTED: dict[str, dict[str, tuple[str, ...]]] = {
    "watton": {
        "software.permission": ("watton/5.2",),
        "virus.suspected": ("watton/5.4",),
        "press_release.approval": ("watton/3.6",),
        "press_release.personal": ("watton/3.7",),
        "press_release.signature": ("watton/3.7",),
        "press_release.statement": ("watton/3.7",),
        "press_release.personal_data": ("watton/11.1(g)",),
        "press_release.speaking_for": ("watton/13.3",),
        "press_release.photographs": ("watton/3.4",),
        "abusive_post.removal": ("watton/18.2",),
        "abusive_post.reporting": ("watton/13.6",),
        "question.requests": ("watton/1.3",),
    },
    "croft": {
        "software.permission": ("croft/3(t)",),
        "press_release.approval": ("croft/1/5",),
        "press_release.speaking_for": ("croft/9/1",),
        "abusive_post.removal": ("croft/3(x)",),
        "abusive_post.reporting": ("croft/3(p)",),
    },
    "rugeley": {
        "press_release.personal": ("rugeley/4.3",),
        "press_release.speaking_for": ("rugeley/4.3",),
        "press_release.photographs": ("rugeley/4.9/11",),
        "abusive_post.removal": ("rugeley/4.5", "rugeley/5.4"),
        "abusive_post.reporting": ("rugeley/5.3",),
    },
    **{
        council: {
            "software.permission": tuple(f"{council}/{c}" for c in _SOFTWARE),
            "virus.suspected": (f"{council}/virus-controls/3",),
            "press_release.speaking_for": (f"{council}/{_CREWE_GUIDANCE}",),
            "abusive_post.removal": (f"{council}/{_MODERATOR.format(council)}",),
            "abusive_post.reporting": (f"{council}/{_MODERATOR.format(council)}",),
        }
        for council in ("crewe", "flitwick")
    },
}


def bindings_from(library: Library, table: dict[str, dict[str, tuple[str, ...]]]) -> Bindings:
    """Bindings naming these clauses of the library's policies."""
    bound: dict[str, dict[str, tuple[BoundClause, ...]]] = {}
    for council, topics in table.items():
        bound[council] = {}
        for topic, ids in topics.items():
            clauses = [library.clause(i) for i in ids]
            assert all(clauses), ids
            bound[council][topic] = tuple(
                BoundClause(c.id, c.label, c.text, c.order) for c in clauses if c is not None
            )
    return Bindings(bound)


@functools.cache
def bundled() -> Bindings:
    """The five bundled councils' bindings, as the Python constants had them."""
    return bindings_from(Library.load(), EXPECTED)


def policy(spec: WorkflowSpec, council: str = "watton") -> Policy:
    return bundled().policy(council, spec.key)
