"""Commands and questions, recognised the same way on every platform."""

from __future__ import annotations

import pytest

from bot.core.commands import Command, looks_like_question, parse_command, stray


@pytest.mark.parametrize(
    ("text", "command", "arg"),
    [
        ("help", Command.HELP, ""),
        ("Help!", Command.HELP, ""),
        ("?", Command.HELP, ""),
        ("what can you do?", Command.HELP, ""),
        ("commands", Command.HELP, ""),
        ("cancel", Command.CANCEL, ""),
        ("  STOP.  ", Command.CANCEL, ""),
        ("quit", Command.CANCEL, ""),
        ("abandon", Command.CANCEL, ""),
        ("my requests", Command.MINE, ""),
        ("My request", Command.MINE, ""),
        ("status", Command.MINE, ""),
        ("mine", Command.MINE, ""),
        ("queue", Command.QUEUE, ""),
        ("the queue", Command.QUEUE, ""),
        ("requests", Command.QUEUE, ""),
        ("inbox", Command.QUEUE, ""),
        ("request", Command.MENU, ""),
        ("new request", Command.MENU, ""),
        ("menu", Command.MENU, ""),
        ("register", Command.REGISTER, ""),
        ("approved software", Command.REGISTER, ""),
        ("show SW-0042", Command.SHOW, "SW-0042"),
        ("show sw-0042", Command.SHOW, "SW-0042"),
        ("open  vr-7", Command.SHOW, "VR-7"),
    ],
)
def test_commands_are_whole_messages(text: str, command: Command, arg: str) -> None:
    assert parse_command(text) == (command, arg)


@pytest.mark.parametrize(
    "text",
    [
        "help me install Zoom",
        "I need to install Zoom",
        "can I cancel a request?",
        "stop using the computer",
        "show",
        "show SW0042",
        "show SW-0042 please",
        "show SW-0042; DROP TABLE",
        "queue jumping",
        "",
        "   ",
        "Zoom",
    ],
)
def test_anything_else_is_not_a_command(text: str) -> None:
    assert parse_command(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "can I use a USB stick?",
        "Is Zoom approved?",
        "what should I do if my computer has a virus?  ",
        "who moderates the Facebook page?",
    ],
)
def test_questions(text: str) -> None:
    assert looks_like_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "I need to install Zoom",
        "Zoom?",  # a short answer with doubt in it is still an answer
        "why not?",
        "The office laptop",
        "is it approved? I think so",
        "",
    ],
)
def test_not_questions(text: str) -> None:
    assert not looks_like_question(text)


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("whats happening with my requests", Command.MINE),
        ("show me my requests", Command.MINE),
        ("show me the queue", Command.QUEUE),
        ("what's waiting for me", Command.QUEUE),
        ("show me the approved software list", Command.REGISTER),
        ("what can I request", Command.MENU),
    ],
)
def test_commands_typed_loosely(text: str, command: Command) -> None:
    found = parse_command(text)
    assert found is not None and found[0] is command


@pytest.mark.parametrize("text", ["skip", "Back", "1", "confirm", "yes", "approve SW-0001"])
def test_a_forms_or_a_cards_words_are_stray_outside_them(text: str) -> None:
    assert stray(text)


@pytest.mark.parametrize(
    "text", ["can I skip the password rules?", "approve zoom please", "10 mins"]
)
def test_sentences_are_not_stray(text: str) -> None:
    assert not stray(text)
