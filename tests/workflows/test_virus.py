"""The suspected virus report's first instruction is what the council's policy says to do."""

from __future__ import annotations

import pytest

from workflows.topics import Bindings, BoundClause
from workflows.virus import VIRUS


def instruction(*texts: str) -> str | None:
    clauses = tuple(BoundClause(f"ashby/{i}", f"§{i}", t) for i, t in enumerate(texts))
    bound = {"ashby": {"virus.suspected": clauses}} if clauses else {}
    return VIRUS.preamble(Bindings(bound).policy("ashby", "virus"))


def test_a_policy_that_says_stop_using_it_and_tell_it_is_followed() -> None:
    said = instruction("If you suspect a virus, stop using the PC and tell the IT provider.")
    assert said is not None and said.startswith("First, stop using the computer immediately.")


@pytest.mark.parametrize(
    "texts",
    [
        ("If a virus is suspected, the equipment should be switched off and isolated.",),
        ("Stop using it at once.", "Then switch it off and unplug the network cable."),
        (),  # silent: the safe thing to do
    ],
)
def test_otherwise_switch_off_and_disconnect(texts: tuple[str, ...]) -> None:
    said = instruction(*texts)
    assert said is not None and said.startswith("First, stop using it: switch the equipment off")
