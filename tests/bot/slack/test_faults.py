"""Slack's Web API failing as networks do — a proxy's text page, a dropped connection, a
hang — never loses a reply, never stops an answer and never duplicates a card."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from bot.messages import User
from knowledge.library import Library
from testing.fake_slack import FakeSlack, FaultKind
from tests.bot.slack.conftest import Slack, running
from tests.bot.slack.test_decisions import SOFTWARE
from tests.workflows.store.support import FakeClock

QUESTION = "can I use a USB stick?"


@pytest.fixture
async def slack(
    tmp_path: Path, fake: FakeSlack, clock: FakeClock, library: Library
) -> AsyncIterator[Slack]:
    """No clerk channel (each decider gets a DM) and a short Web API timeout."""
    settings = {"SLACK_CLERK_CHANNEL": None, "SLACK_API_TIMEOUT": 0.5}
    async for ready in running(tmp_path, fake, clock, library, None, settings=settings):
        yield ready


def answers(slack: Slack) -> list[str]:
    posts = slack.fake.arrived("chat.postMessage")
    return [json.dumps(m) for m in posts if m["channel"] == "DSTAFF" and "5.3" in json.dumps(m)]


def delivered(slack: Slack) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return not await slack.core.store.pending_outbox()

    return check


@pytest.mark.parametrize(
    ("kind", "status", "times"),
    [("text", 405, 1), ("text", 502, 3), ("drop", 200, 3), ("hang", 200, 1)],
)
async def test_an_answer_that_cannot_be_posted_waits_in_the_outbox(
    slack: Slack, clock: FakeClock, kind: FaultKind, status: int, times: int
) -> None:
    slack.fake.fail("chat.postMessage", status, times=times, kind=kind)
    started = time.monotonic()
    assert await slack.dm("USTAFF", QUESTION) == 200

    def answered() -> list[str]:
        clock.advance(seconds=1)  # the outbox's back-off passes
        return answers(slack)

    await slack.until(answered, timeout=8)  # kept in the outbox, then sent
    assert time.monotonic() - started < 5  # a hang is cut off by the timeout
    await slack.until(delivered(slack))
    assert len(answers(slack)) == 1
    sorry = [m for m in slack.fake.texts() if "went wrong" in m]
    assert sorry == []  # the reply was kept, so nobody is told it failed


@pytest.mark.parametrize("kind", ["text", "drop", "hang"])
async def test_a_failing_name_lookup_never_stops_an_answer(slack: Slack, kind: FaultKind) -> None:
    slack.fake.fail("users.info", 503, times=5, kind=kind)
    await slack.dm("UNEW", QUESTION)
    posted = await slack.until(lambda: slack.fake.made("chat.postMessage"))
    assert posted[0]["channel"] == "DNEW"
    # Slack was unreachable, not unwilling: the next message asks again.
    await slack.dm("UNEW", QUESTION)
    await slack.until(lambda: len(slack.fake.made("users.info")) >= 2)
    await slack.until(lambda: len(slack.fake.arrived("chat.postMessage")) >= 2)


async def test_a_deputy_whose_dm_fails_gets_one_card_and_the_clerk_no_second(
    slack: Slack, clock: FakeClock
) -> None:
    slack.fake.fail("chat.postMessage", 500, times=3, channel="UDEPUTY", kind="text")
    for line in SOFTWARE:
        await slack.dm("USTAFF", line)

    def cards(to: str) -> list[str]:
        posts = [json.dumps(m) for m in slack.fake.arrived("chat.postMessage")]
        return [t for t in posts if f'"channel": "{to}"' in t and "SW-0001" in t]

    await slack.until(lambda: cards("UCLERK"))
    await slack.until(lambda: len(slack.fake.made("chat.postMessage")) >= 3 + len(SOFTWARE))
    clock.advance(seconds=60)  # past the back-off
    await slack.until(lambda: cards("UDEPUTY"))
    await slack.until(delivered(slack))
    assert len(cards("UCLERK")) == 1 and len(cards("UDEPUTY")) == 1


@pytest.mark.parametrize("name", ["Nina\x00Newcomer", "Nina\ud800Newcomer"])
async def test_a_slack_name_no_database_can_hold_is_cleaned(slack: Slack, name: str) -> None:
    slack.fake.names["UNEW"] = name
    stranger = User(
        id="slack:unew", name="UNEW", role="staff", platform="slack", platform_id="UNEW"
    )
    assert (await slack.bot.names.of(stranger)).name == "NinaNewcomer"
