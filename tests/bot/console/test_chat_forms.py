"""Whole conversations in the terminal chat: cancelling, one form at a time, the menu and
help, the queue's visibility, huge messages, expiry, switching person.

Times: the FakeClock starts at 09:00 UTC on Sat 21 Nov 2026 (GMT, so 09:00 in the UK too).
"""

from __future__ import annotations

from bot.app import Core
from tests.bot.console.chats import fill_software
from tests.bot.console.conftest import Script
from tests.workflows.store.support import FakeClock

# The rest of the conversation ----------------------------------------------------------------


async def test_cancel_throws_the_draft_away(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    await s.run("I need to install some software", "Zoom")
    assert await s.say("cancel") == "Cancelled: your software request was not sent."
    assert await lite.store.load_draft(s.chat.conversation) is None
    assert await s.say("cancel") == "There's nothing to cancel."
    assert await s.say("my requests") == "You haven't made any requests yet."
    assert "(1/6)" in await s.say("I need to install some software")


async def test_one_form_at_a_time(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    await s.run("I need to install some software", "Zoom")
    await s.say("request")
    out = await s.say("Report a suspected virus")
    assert out.startswith("⚠ You're in the middle of a software request: finish it, or say cancel")
    assert "(2/6) Which version" in out


async def test_the_menu_offers_what_each_person_may_start(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    out = await s.say("request")
    assert out == (
        "What would you like to do?\n"
        "  [1] Request software   [2] Report a suspected virus   [3] Report a post to the Clerk"
        "   [4] Ask the Clerk"
    )
    await s.say("/as councillor")
    assert "[3] Check a press release" in await s.say("menu")


async def test_only_deciders_see_the_queue_and_others_requests(
    lite: Core, clock: FakeClock
) -> None:
    s = Script(lite, clock)
    await fill_software(s)
    assert (await s.say("queue")).startswith(
        "✗ Only the Clerk or the deputy Clerk can see the queue"
    )
    await s.say("/as councillor")
    assert await s.say("show SW-0001") == "✗ I can't show you SW-0001."
    await s.say("/as deputy")
    out = await s.say("queue")
    assert (
        "Waiting for a decision:\n  SW-0001: Software request: Zoom — Waiting for the Clerk" in out
    )
    assert "[1] Open SW-0001" in out


async def test_a_huge_message_is_refused_and_changes_nothing(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    await s.run("I need to install some software", "Zoom")
    before = await lite.store.load_draft(s.chat.conversation)
    out = await s.say("x" * 100_000)
    assert out == (
        "✗ That message is too long for me (100,000 characters; the limit is 8,000). "
        "Please send something shorter."
    )
    assert await lite.store.load_draft(s.chat.conversation) == before
    assert "(3/6)" in await s.say("Zoom Workplace 6.2")


async def test_a_huge_number_is_refused_and_changes_nothing(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    await s.run("I need to install some software", "Zoom")
    out = await s.say("1" * 100_000)
    assert out.startswith("✗ That message is too long for me")


async def test_an_abandoned_draft_expires(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    await s.run("I need to install some software", "Zoom")
    s.later(hours=71)
    assert "For example: Zoom Workplace 6.2" in await s.say("help")  # still there
    s.later(hours=72, minutes=1)
    out = await s.say("help")
    assert out.startswith("Ask me about the council's IT and social media policy")
    assert await lite.store.load_draft(s.chat.conversation) is None


async def test_switching_person(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    assert await s.say("/as bob") == (
        "No one called 'bob'. People: staff, councillor, clerk, deputy, it"
    )
    assert await s.say("/as Dev Deputy") == "You are now Dev Deputy (deputy)."
    assert await s.say("/who") == "You are Dev Deputy (deputy)."
    # Each person has their own conversation: the deputy's draft isn't the staff member's.
    await s.run("I need to install some software", "Zoom")
    await s.say("/as staff")
    assert "(1/6)" in await s.say("I need to install some software")


async def test_help_lists_what_people_can_say(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    out = await s.say("help")
    assert '"I need to install Zoom"' in out and "my requests" in out
    assert "queue" not in out
    await s.say("/as clerk")
    assert "For the Clerk: queue · show SW-0001" in await s.say("help")


async def test_the_opening_message_fills_what_it_says(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    out = await s.lines("I need to install Zoom on my laptop for council meetings")
    assert out[-2] == (
        "From your message I've noted Software: Zoom; Business purpose: council meetings; "
        "Device(s): my laptop. You can change any of it before it is sent."
    )
    assert out[-1].startswith("(2/6) Which version")  # the software is not asked again
    await s.run("Zoom Workplace 6.2", "Free basic licence")
    out = await s.say("no")
    assert "  Software: Zoom" in out and "  Device(s): my laptop" in out
    assert "[1] Confirm and send" in out


async def test_a_forms_word_with_no_form_gets_a_pointer_not_a_policy_quote(
    lite: Core, clock: FakeClock
) -> None:
    s = Script(lite, clock)
    out = await s.say("skip")
    assert out.startswith('There\'s no form or card waiting for "skip" here.')
    assert "§" not in out and "for reference" not in out
    assert await s.say("approve SW-0001") == (
        "To decide SW-0001, press a button on its card: say show SW-0001 to see it."
    )
