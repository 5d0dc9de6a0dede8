"""A press release near 6,000 characters reaches the Clerk's card whole, through the server."""

from __future__ import annotations

import json
from typing import Any

from bot.messages import Reply, ReplyKind, Row
from tests.bot.core.long_release import LAST, filing_lines, release_body
from tests.bot.slack.conftest import CLERK_CHANNEL, Slack, button


async def say(slack: Slack, line: str) -> None:
    """A line in the councillor's DM, once the bot has answered it."""
    before = len(slack.fake.made("chat.postMessage"))
    await slack.dm("UCLLR", line)
    await slack.until(lambda: len(slack.fake.made("chat.postMessage")) > before)


async def file_release(slack: Slack, body: str) -> list[dict[str, Any]]:
    """The councillor files it in the DM; the messages posted to the Clerk's channel."""
    for line in filing_lines(body):
        await say(slack, line)
    return await slack.until(  # type: ignore[no-any-return]
        lambda: [m for m in slack.fake.made("chat.postMessage") if m["channel"] == CLERK_CHANNEL]
    )


def section_texts(messages: list[dict[str, Any]]) -> str:
    """The section text the Clerk reads, in order, across every message of the card."""
    texts = []
    for message in messages:
        for block in message["blocks"]:
            if block["type"] == "section" and "text" in block:
                texts.append(block["text"]["text"])
            texts += [f["text"] for f in block.get("fields") or []]
    return "\n".join(texts)


async def test_a_6000_character_release_is_shown_whole_on_the_clerks_card(slack: Slack) -> None:
    body = release_body()
    posted = await file_release(slack, body)
    assert not slack.fake.problems  # every message within Slack's limits
    shown = section_texts(posted)
    assert LAST in shown  # the personal statement at the very end is there for the Clerk
    assert " ".join(body.split()) in " ".join(shown.split())  # and nothing before it is lost
    assert "\u2026" not in shown
    assert button(posted[0], "Noted")["value"] == "PR-0001:noted"
    record = await slack.core.store.get_request("PR-0001")
    assert record is not None and record.data["body"] == body


async def test_the_councillors_own_summary_shows_the_release_whole(slack: Slack) -> None:
    body = release_body()
    for line in filing_lines(body)[:-1]:
        await say(slack, line)
    posts = slack.fake.made
    summary = await slack.until(  # the turn's later messages may still be on their way
        lambda: [m for m in posts("chat.postMessage") if "Please check" in json.dumps(m)]
    )
    assert LAST in section_texts(summary)


async def test_a_card_over_several_messages_is_redrawn_part_by_part(slack: Slack) -> None:
    parts = ["".join(f"{label}{n} lorem ipsum dolor. " for n in range(230)) for label in "ABCDE"]

    def card(status: str) -> Reply:
        pairs = zip("ABCDE", parts, strict=True)
        rows = [Row(label=f"Part {label}", value=text) for label, text in pairs]
        return Reply(
            kind=ReplyKind.REQUEST,
            text=f"PR-0001 · {status}",
            fields=[Row(label="Status", value=status), *rows],
            request_id="PR-0001",
        )

    channel = slack.bot.channel
    posted = await channel.post(CLERK_CHANNEL, card("Submitted"))
    assert len(posted) > 1  # the card spans several messages
    refs: list[dict[str, Any]] = [{"channel": c, "ts": ts} for c, ts in posted]
    await channel._redraw(card("Noted by Jane Clerk"), refs)
    updates = slack.fake.made("chat.update")
    assert [u["ts"] for u in updates] == [ts for _, ts in posted]
    redrawn = section_texts(updates)
    for text in parts:  # every part is still there after the redraw, once
        assert " ".join(text.split()) in " ".join(redrawn.split())
    assert "Noted by Jane Clerk" in json.dumps(updates[0])
