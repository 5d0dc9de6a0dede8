"""Whole conversations in the terminal chat: a software request from start to decision,
and the ways a decision can be pressed, refused or asked about, on both stores.

Times: the FakeClock starts at 09:00 UTC on Sat 21 Nov 2026 (GMT, so 09:00 in the UK too).
"""

from __future__ import annotations

import re

from bot.app import Core
from bot.messages import ActionEvent, Button
from tests.bot.console.chats import BELL, fill_software, someone, state_of, user
from tests.bot.console.conftest import Script
from tests.workflows.store.support import FakeClock

# Software: the whole way --------------------------------------------------------------------


async def test_software_request_from_start_to_decision(core: Core, clock: FakeClock) -> None:
    s = Script(core, clock)
    out = await s.say("I need to install some software")
    assert out.startswith("Software request. Software needs the Clerk's permission")
    assert "The policy: §5.2" in out
    assert "You must not download or install software from external sources" in out
    assert out.endswith("(1/6) What software do you want to install?\n  [1] Cancel")

    out = await s.say("Z")
    assert out.startswith("✗ Sorry, that's too short: it needs at least 2 characters. ")
    assert "For example: Zoom\n(1/6) What software do you want to install?" in out

    assert "(2/6) Which version" in await s.say("Zoom")
    out = await s.say("Back")  # the button, pressed by its label
    assert "(1/6) What software do you want to install?" in out
    assert "(2/6)" in await s.say("Zoom")
    assert "(3/6) What council work is it for?" in await s.say("Zoom Workplace 6.2, zoom.us")

    # A policy question mid-form is answered, and the form picks up where it was.
    out = await s.lines("can I use a USB stick?")
    assert out[0].startswith("Watton Town Council, Information Technology")
    assert "§5.3" in out[0] and "You must not attach any device" in out[0]
    assert out[1:] == [
        "Back to your software request:",
        "(3/6) What council work is it for?\n  [1] Back   [2] Cancel",
    ]

    assert "(4/6)" in await s.say("Remote committee meetings")
    out = await s.say("help")
    assert "For example: The Clerk's office laptop and the meeting-room PC" in out
    assert out.endswith("(4/6) Which council device(s) will it go on?\n  [1] Back   [2] Cancel")
    await s.run("Office laptop", "Free basic licence")
    out = await s.say("maybe")
    assert "✗ Sorry, please answer yes or no. For example: yes" in out
    out = await s.say("yes")
    assert "⚠ Because it will handle personal data" in out
    assert "Please check your software request:" in out
    assert "  Business purpose: Remote committee meetings" in out
    assert "[1] Confirm and send   [2] Edit   [3] Cancel" in out

    # Edit one answer from the summary, and come back to the summary.
    assert "Which answer do you want to change?" in await s.say("Edit")
    assert "(3/6) What council work is it for?" in await s.say("Business purpose")
    out = await s.say("Remote meetings with residents")
    assert "  Business purpose: Remote meetings with residents" in out
    assert "  Device(s): Office laptop" in out

    out = await s.say("Confirm and send")
    assert out.startswith("Sent to the Clerk as SW-0001. I'll tell you when there's a decision.")
    assert "Approve" not in out  # the requester gets no decision buttons
    assert await state_of(core, "SW-0001") == "pending"

    out = await s.say("/as clerk")
    assert out.startswith("You are now Jane Clerk (clerk).")
    assert f"{BELL}[to clerk channel] ■ New software request SW-0001 from Sam Staff" in out
    assert "[1] Approve   [2] Reject   [3] Ask for more information" in out
    s.at(14, 3)
    out = await s.say("Approve")
    assert out.startswith("■ Done: SW-0001 · Approved by Jane Clerk at 14:03 on Sat 21 Nov 2026")

    out = await s.say("/as staff")
    assert f"{BELL}[to you] Your software request SW-0001 was approved by Jane Clerk." in out
    assert await s.say("/as staff") == "You are now Sam Staff (staff)."  # told once only

    # The register answers "is Zoom approved?" first, before the policy.
    out = await s.lines("is Zoom approved?")
    first = out[0].splitlines()[0]
    assert first == (
        "Zoom (Zoom Workplace 6.2, zoom.us) is on the authorised-software register: "
        "approved by Jane Clerk at 14:03 on Sat 21 Nov 2026 (SW-0001)."
    )
    # ...then Watton's software clause, even though the question's words miss it.
    assert out[0].splitlines()[1].endswith("Social Media Policy, §5.2")
    assert "without the proper\n  authorisation of The Clerk" in out[0]
    out = await s.say("is Slack approved?")
    assert out.startswith("Slack is not on the authorised-software register: ask the Clerk")
    out = await s.say("my requests")
    assert "SW-0001: Software request: Zoom — Approved by Jane Clerk at 14:03" in out


async def test_a_second_press_finds_the_first_decision(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    await fill_software(s)
    clerk, deputy = Script(lite, clock, "clerk"), Script(lite, clock, "deputy")
    assert "[1] Approve" in await clerk.say("show SW-0001")
    assert "[1] Approve" in await deputy.say("show SW-0001")
    clerk.at(14, 3)
    assert "Done: SW-0001 · Approved by Jane Clerk at 14:03" in await clerk.say("Approve")
    clerk.later(minutes=2)
    out = await deputy.say("Reject")  # the deputy's screen still shows the buttons
    assert re.search(r"approved by Jane Clerk at 14:03\b", out, re.IGNORECASE), out
    assert "Nothing was changed." in out
    record = await lite.store.get_request("SW-0001")
    assert record is not None
    assert (record.state, record.decided_by, record.decision_note) == ("approved", "clerk", None)
    audit = [e.action for e in await lite.store.audit_entries("SW-0001")]
    assert audit == ["submitted", "decision:approve"]


async def test_a_second_press_says_already_approved(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    await fill_software(s)
    clerk, deputy = Script(lite, clock, "clerk"), Script(lite, clock, "deputy")
    await clerk.say("show SW-0001")
    await deputy.say("show SW-0001")
    clerk.at(14, 3)
    await clerk.say("Approve")
    assert "already approved by Jane Clerk at 14:03" in await deputy.say("Approve")


async def test_someone_else_pressing_the_clerks_button_is_refused(
    lite: Core, clock: FakeClock
) -> None:
    s = Script(lite, clock)
    await fill_software(s)
    out = await s.say("/as clerk")
    assert "[1] Approve" in out
    before = await lite.store.get_request("SW-0001")
    on_screen = list(s.chat.buttons)
    # The Clerk's card is still on screen, but a member of staff is at the keyboard.
    s.chat.person = someone(lite, "staff")
    out = await s.say("Approve")
    assert out == "✗ Only the Clerk or the deputy Clerk can decide requests."
    s.chat.person, s.chat.buttons = someone(lite, "councillor"), on_screen
    assert await s.say("2") == out  # Reject, by number
    # A forged press from any platform, by the IT provider.
    event = ActionEvent(
        user=user(lite, "it"), action="decide", value="SW-0001:approve", conversation="x"
    )
    [reply] = await lite.assistant.press(event)
    assert reply.text == "Only the Clerk or the deputy Clerk can decide requests."
    assert await lite.store.get_request("SW-0001") == before
    assert await lite.store.software_register() == []
    refused = [
        (e.actor_id, e.payload["decision"])
        for e in await lite.store.audit_entries("SW-0001")
        if e.action == "decision_refused"
    ]
    assert refused == [("staff", "approve"), ("councillor", "reject"), ("it", "approve")]
    # Typing the label with no such button on screen is just a message, not a decision.
    s.chat.person = someone(lite, "staff")
    s.chat.buttons = []
    await s.say("Approve")
    assert await lite.store.get_request("SW-0001") == before


async def test_forged_and_unknown_buttons_are_refused(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    await fill_software(s)
    clerk = user(lite, "clerk")

    async def press(action: str, value: str) -> str:
        event = ActionEvent(user=clerk, action=action, value=value, conversation="console:clerk")
        [reply] = await lite.assistant.press(event)
        return reply.text

    assert await press("decide", "SW-9999:approve") == "There's no request SW-9999."
    assert (await press("decide", "SW-0001:explode")).startswith("That isn't a decision")
    assert (await press("decide", "SW-0001")).startswith("That isn't a decision")
    assert await press("launch", "SW-0001") == (
        "I don't recognise that button; nothing was changed."
    )
    assert await press("start", "payroll") == "I don't know that request."
    assert await press("reply", "confirm") == (
        "That button belongs to a form that is already finished."
    )
    assert await press("show", "SW-0001") != ""
    # An unknown button through the terminal too.
    s.chat.buttons = [
        Button.model_construct(label="Mystery", action="mystery", value="SW-0001:approve")
    ]
    out = await s.say("Mystery")
    assert out == "✗ I don't recognise that button; nothing was changed."
    assert await state_of(lite, "SW-0001") == "pending"
    assert [e.action for e in await lite.store.audit_entries()] == ["submitted"]


async def test_reject_asks_for_a_reason_and_the_requester_reads_it(
    lite: Core, clock: FakeClock
) -> None:
    s = Script(lite, clock)
    await fill_software(s)
    await s.say("/as clerk")
    out = await s.say("Reject")
    assert out.startswith("Reject SW-0001. Why is it rejected? The requester will see your reason.")
    assert await state_of(lite, "SW-0001") == "pending"
    out = await s.say("We already pay for Microsoft Teams.")
    assert out.startswith("■ Done: SW-0001 · Rejected by Jane Clerk at 09:00")
    out = await s.say("/as staff")
    assert (
        f"{BELL}[to you] Your software request SW-0001 was rejected by Jane Clerk.\n"
        "Jane Clerk's note: We already pay for Microsoft Teams." in out
    )
    assert await lite.store.software_register() == []
    out = await s.say("is Zoom approved?")
    assert out.startswith("Zoom is not on the authorised-software register")


async def test_typing_cancel_at_the_reason_prompt_changes_nothing(
    lite: Core, clock: FakeClock
) -> None:
    s = Script(lite, clock)
    await fill_software(s)
    await s.run("/as clerk", "show SW-0001", "Reject")
    s.chat.buttons = []  # typed, not the button (see the next test)
    assert await s.say("cancel") == "Cancelled: nothing was changed."
    out = await s.say("can I use a USB stick?")
    assert "§5.3" in out
    assert await state_of(lite, "SW-0001") == "pending"


async def test_the_cancel_button_at_the_reason_prompt_changes_nothing(
    lite: Core, clock: FakeClock
) -> None:
    s = Script(lite, clock)
    await fill_software(s)
    await s.run("/as clerk", "show SW-0001", "Reject")
    assert await s.say("Cancel") == "Cancelled: nothing was changed."  # the prompt's button
    assert "§5.3" in await s.say("can I use a USB stick?")
    assert await state_of(lite, "SW-0001") == "pending"


async def test_ask_for_more_information_and_the_answer_comes_back(
    lite: Core, clock: FakeClock
) -> None:
    s = Script(lite, clock)
    await fill_software(s)
    await s.say("/as clerk")
    out = await s.say("Ask for more information")
    assert "What do you need to know? Your question goes to the requester." in out
    out = await s.say("Which licence will you buy?")
    assert "Status: The Clerk has asked a question" in out
    assert "Clerk asked: Which licence will you buy? (waiting for an answer)" in out
    assert await state_of(lite, "SW-0001") == "info_requested"

    out = await s.say("/as staff")
    assert (
        f"{BELL}[to you] Jane Clerk has a question about your software request SW-0001: "
        "Which licence will you buy?\n  [1] Answer the Clerk" in out
    )
    out = await s.say("1")
    assert out == "The Clerk asked: Which licence will you buy?\nType your answer (or say cancel)."
    out = await s.say("The free basic licence")
    assert out == "Thanks: your answer on SW-0001 has gone to the Clerk."
    assert await state_of(lite, "SW-0001") == "pending"

    out = await s.say("/as clerk")
    assert "Sam Staff answered your question on SW-0001: The free basic licence" in out
    assert "  Clerk asked: Which licence will you buy?\n  Answer: The free basic licence" in out
    assert "[1] Approve" in out
    assert "Done: SW-0001 · Approved by Jane Clerk" in await s.say("Approve")
    out = await s.say("/as staff")
    assert "Your software request SW-0001 was approved by Jane Clerk." in out
