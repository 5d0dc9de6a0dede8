"""A press release near 6,000 characters is shown whole by the terminal chat's `show`."""

from __future__ import annotations

from bot.app import Core
from bot.console.render import render_reply
from bot.messages import Reply, ReplyKind, Row
from tests.bot.console.conftest import Script
from tests.bot.core.long_release import LAST, filing_lines, release_body
from tests.workflows.store.support import FakeClock


def words(text: str) -> str:
    return " ".join(text.split())


async def test_show_prints_a_6000_character_release_whole(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock, "councillor")
    body = release_body()
    out = await s.run(*filing_lines(body)[:-1], "Confirm and send")
    assert out.startswith("Sent to the Clerk as PR-0001.")
    await s.say("/as clerk")
    shown = await s.say("show PR-0001")
    assert LAST in words(shown)  # the personal statement at the very end
    assert words(body) in words(shown)  # and every word before it, in order
    assert "\u2026" not in shown and "..." not in shown
    assert "  Body:\n    1. The new play area" in shown
    assert "[1] Noted   [2] Return with comments" in shown


def test_a_long_field_is_an_indented_block_a_paragraph_at_a_time() -> None:
    body = release_body()
    reply = Reply(
        kind=ReplyKind.REQUEST,
        text="PR-0001 · Personal press release from Chris Councillor",
        fields=[Row(label="Headline", value="Play area opens"), Row(label="Body", value=body)],
    )
    lines = render_reply(reply).splitlines()
    assert lines[1:3] == ["  Headline: Play area opens", "  Body:"]
    block = lines[3:]
    assert all(line.startswith("    ") and len(line) <= 92 for line in block if line)
    paragraphs = "\n".join(block).split("\n\n")
    assert [words(p) for p in paragraphs] == [words(p) for p in body.split("\n\n")]
    assert words(paragraphs[-1]) == LAST


def test_a_word_longer_than_the_screen_is_not_broken() -> None:
    link = "https://example.org/" + "a" * 150
    reply = Reply(kind=ReplyKind.NOTICE, text="x", fields=[Row(label="Link", value=link * 3)])
    assert link * 3 in render_reply(reply)
