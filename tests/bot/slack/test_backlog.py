"""Acks never wait on answering: a slow answer holds no other ack, and a full backlog
slows the acks (the platform's sign to send less) instead of growing without end."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest

from bot.core.work import Work
from knowledge.answer import Answer
from tests.bot.slack.conftest import Slack


@pytest.fixture
def stuck(slack: Slack) -> Iterator[threading.Event]:
    """Every answer waits (its CPU busy, as a real one is) until the event is set."""
    release = threading.Event()
    answerer = slack.core.assistant.answerer
    original = answerer.ask

    def slow(question: str, council: str, top: int = 3) -> Answer:
        release.wait(5)
        return original(question, council, top)

    answerer.ask = slow  # type: ignore[method-assign]
    yield release
    release.set()


async def test_a_slow_answer_holds_up_no_other_ack(slack: Slack, stuck: threading.Event) -> None:
    for n in range(4):
        user = ("USTAFF", "UCLLR", "UCLERK", "UDEPUTY")[n]
        async with asyncio.timeout(1):  # far less than the stuck answer's 5 s
            assert await slack.dm(user, "can I use a USB stick?") == 200
    stuck.set()
    await slack.until(lambda: len(slack.fake.arrived("chat.postMessage")) == 4)


async def test_a_full_backlog_slows_the_ack_and_loses_nothing(
    slack: Slack, stuck: threading.Event
) -> None:
    slack.bot.work = Work(workers=1, backlog=2)
    users = ("USTAFF", "UCLLR", "UCLERK", "UDEPUTY")
    for user in users[:3]:  # one being answered, two waiting
        assert await slack.dm(user, "can I use a USB stick?") == 200
    await asyncio.sleep(0.1)
    fourth = asyncio.create_task(slack.dm(users[3], "can I use a USB stick?"))
    await asyncio.sleep(0.5)
    assert not fourth.done()  # its ack waits for a place in the backlog
    stuck.set()
    assert await fourth == 200
    await slack.until(lambda: len(slack.fake.arrived("chat.postMessage")) == 4)
