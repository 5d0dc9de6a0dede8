"""Whole conversations in the terminal chat: requester, Clerk, notifications, on both stores.

Times: the FakeClock starts at 09:00 UTC on Sat 21 Nov 2026 (GMT, so 09:00 in the UK too).
"""

from __future__ import annotations

import re

from bot.app import Core
from bot.messages import ActionEvent, Button, User
from tests.bot.console.conftest import Script
from tests.workflows.store.support import FakeClock
from workflows.people import Person
from workflows.press_release import STATEMENT

BELL = "\U0001f514 "


def user(core: Core, handle: str) -> User:
    person = core.people.get(handle)
    assert person is not None
    return User(id=person.id, name=person.name, role=person.role)


def someone(core: Core, handle: str) -> Person:
    person = core.people.get(handle)
    assert person is not None
    return person


async def state_of(core: Core, request_id: str) -> str:
    record = await core.store.get_request(request_id)
    assert record is not None
    return record.state


async def fill_software(s: Script, name: str = "Zoom") -> str:
    return await s.run(
        f"I need to install {name}",
        name,
        f"{name} Workplace 6.2, https://zoom.us",
        "Remote committee meetings",
        "Office laptop",
        "Free basic licence",
        "no",
        "Confirm and send",
    )


# Software: the whole way --------------------------------------------------------------------


async def test_software_request_from_start_to_decision(core: Core, clock: FakeClock) -> None:
    s = Script(core, clock)
    out = await s.say("I need to install Zoom")
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


# Suspected virus ------------------------------------------------------------------------------


async def test_virus_report_safety_first_then_reminder_and_escalation(
    core: Core, clock: FakeClock
) -> None:
    s = Script(core, clock)
    out = await s.lines("I think my laptop has a virus")
    assert out[0] == (
        "⚠ First, stop using the computer immediately. I will tell the IT Service Provider and "
        "the Clerk as soon as you've answered a few questions (if you can, phone them too)."
    )
    assert "Suspected virus report." in out[1] and "§5.4" in out[1]
    assert out[2].startswith("(1/5) Which device is affected?")
    await s.run("Office laptop (asset 12)")
    assert "too short" in await s.say("no")  # symptoms need a few words
    await s.run("Files renamed to .locked", "This morning about 9:30")
    assert "(5/5)" in await s.say("skip")  # what was opened: optional
    out = await s.say("yes")
    assert "⚠ Personal data may be exposed, so this may be a data breach." in out
    assert "ICO within 72 hours" in out
    assert "  What was opened or clicked: (skipped)" in out
    out = await s.say("confirm")
    assert out.startswith("Sent to the Clerk and the IT service provider as VR-0001.")

    out = await s.say("/as it")
    assert (
        f"{BELL}[to you] ⚠ URGENT: new suspected virus report VR-0001 from Sam Staff "
        "(for your information; the Clerk decides)" in out
    )
    assert "[1]" not in out  # the IT provider is told, not asked to decide

    out = await s.say("/as clerk")
    assert "URGENT: new suspected virus report VR-0001" in out
    assert "[1] Acknowledge   [2] Resolved" in out
    s.later(minutes=29)
    assert "Reminder" not in await s.say("queue")
    s.later(minutes=1)
    out = await s.say("queue")
    assert (
        f"{BELL}[to clerk channel] ⚠ Reminder: VR-0001 (suspected virus report) has not been "
        "acknowledged yet." in out
    )
    s.later(minutes=30)
    out = await s.say("/as deputy")
    assert (
        f"{BELL}[to you] ⚠ Escalated to you: VR-0001 (suspected virus report) has not been "
        "acknowledged by the Clerk." in out
    )
    out = await s.say("Acknowledge")
    assert "Done: VR-0001 · Acknowledged, being dealt with" in out
    s.later(hours=3)
    assert "Reminder" not in await s.say("queue")
    out = await s.say("/as staff")
    assert "Your suspected virus report VR-0001 was acknowledged by Dev Deputy." in out
    out = await s.run("/as deputy", "show VR-0001", "Resolved")
    assert "What was done? The note goes to the requester and the record." in out
    out = await s.say("Wiped and restored from last night's backup")
    assert "Done: VR-0001 · Resolved by Dev Deputy at 13:00 on Sat 21 Nov 2026" in out
    out = await s.say("/as staff")
    assert (
        "Your suspected virus report VR-0001 was resolved by Dev Deputy.\n"
        "Dev Deputy's note: Wiped and restored from last night's backup" in out
    )
    audit = [e.action for e in await core.store.audit_entries("VR-0001")]
    assert audit == [
        "submitted",
        "reminder",
        "escalation",
        "decision:acknowledge",
        "decision:resolve",
    ]


async def test_the_virus_clause_offers_to_report_one(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    out = await s.say("what should I do if my computer has a virus?")
    assert "§5.4" in out
    assert out.endswith("[1] Report a suspected virus")
    assert await lite.store.load_draft(s.chat.conversation) is None  # a question starts nothing
    out = await s.lines("1")
    assert out[0].startswith("⚠ First, stop using the computer immediately.")
    assert out[-1].startswith("(1/5) Which device is affected?")


# Personal press release -----------------------------------------------------------------------


RELEASE = (
    "Is this the end of our park? No! I am delighted the play area is open. "
    "Ring me on 01953 881234 with your views."
)


async def test_press_release_checks_then_the_clerk_returns_it(core: Core, clock: FakeClock) -> None:
    s = Script(core, clock)
    out = await s.say("I want to put out a press release")
    assert out == "✗ Only a councillor can start a personal press release."
    assert await core.store.load_draft(s.chat.conversation) is None

    await s.say("/as councillor")
    out = await s.say("I want to put out a press release")
    assert out.startswith("Personal press release. I'll check your release against the policy")
    assert "§3.6" in out and "See also Watton Town Council" in out and "§3.7" in out
    await s.say("New play area opens")
    # The body starts with a question, but it is the release, not a question for me.
    out = await s.say(RELEASE)
    assert out.startswith("(3/4) Whose name is it signed with")
    await s.say("Cllr Chris Smith")
    out = await s.say("yes")
    assert "Please check your personal press release:" in out
    assert '✗ Signed with "Councillor" or "Cllr"' in out
    assert f'✗ Missing the sentence "{STATEMENT}".' in out
    assert "✗ Contains phone numbers: make sure no one else's personal details" in out
    assert "✗ Photographs relating to council matters need the Clerk's permission" in out
    assert "[1] Confirm and send   [2] Append the statement   [3] Edit   [4] Cancel" in out

    out = await s.say("Confirm and send")
    assert out.startswith("✗ Please fix what is marked ✗ before sending.")
    assert await core.store.list_requests() == []
    out = await s.say("Append the statement")
    assert out.startswith("Done.")
    assert "✓ Contains the personal-statement sentence." in out
    assert f"{STATEMENT}." in out
    await s.say("Edit")
    assert "(3/4) Whose name" in await s.say("Signed by")
    out = await s.say("Chris Smith")
    assert "✓ Signed personally, without Councillor or Cllr." in out
    out = await s.say("Confirm and send")
    assert out.startswith("Sent to the Clerk as PR-0001.")

    out = await s.say("/as clerk")
    assert "New personal press release PR-0001 from Chris Councillor" in out
    assert "✗ Contains phone numbers" in out and "✗ Photographs relating" in out
    assert "[1] Noted   [2] Return with comments" in out
    assert "Your comments for the councillor:" in await s.say("Return with comments")
    out = await s.say("Please take out the phone number.")
    assert "Done: PR-0001 · Returned by Jane Clerk at 09:00" in out
    out = await s.say("/as councillor")
    assert (
        "Your personal press release PR-0001 was returned by Jane Clerk.\n"
        "Jane Clerk's note: Please take out the phone number." in out
    )


# Abusive post ---------------------------------------------------------------------------------


async def test_abusive_post_999_first_then_the_moderators_decision(
    core: Core, clock: FakeClock
) -> None:
    s = Script(core, clock)
    out = await s.lines("someone posted something nasty about the clerk")
    assert out[0] == (
        "⚠ If anyone is in immediate danger, call 999 first. Then come back to this report."
    )
    assert "Abusive or inappropriate post." in out[1] and "§13.6" in out[1]
    assert out[2].startswith("(1/7) Where was it posted?\n  [1] Facebook   [2] X (Twitter)")
    out = await s.say("MySpace")
    assert "please pick one of: Facebook, X (Twitter), Instagram" in out
    assert "(2/7)" in await s.say("1")
    out = await s.say("facebook.com/wattontc/posts/1")
    assert "that doesn't look like a web link (it should start with https://)" in out
    assert "(3/7)" in await s.say("Skip")
    # Quoted text may end in "?": it is the post, not a question for me.
    assert "(4/7) Who does it target?" in await s.say("Why does the clerk still have a job?")
    await s.say("A member of staff")
    await s.say("Threats")
    out = await s.say("yes")
    assert out.startswith("⚠ If anyone is in immediate danger, call 999 first.")
    assert "(7/7)" in out
    out = await s.say("skip")
    assert "  What it says: Why does the clerk still have a job?" in out
    assert "  Category: Threats" in out and "  Anyone at risk: Yes" in out
    assert (await s.say("confirm")).startswith("Sent to the Clerk as AB-0001.")

    out = await s.say("/as clerk")
    assert "New abusive or inappropriate post AB-0001 from Sam Staff" in out
    assert (
        "[1] Remove and report to host   [2] Block poster   [3] No action   "
        "[4] Refer to a council meeting" in out
    )
    out = await s.say("Remove and report to host")
    assert "The note is recorded for council records." in out
    out = await s.say("Removed, and reported to Facebook as harassment.")
    assert "Done: AB-0001 · Removed by Jane Clerk at 09:00" in out
    out = await s.say("/as staff")
    assert "Your abusive or inappropriate post AB-0001 was removed by Jane Clerk." in out
    [entry] = [
        e for e in await core.store.audit_entries("AB-0001") if e.action == "decision:remove"
    ]
    assert entry.payload["note"] == "Removed, and reported to Facebook as harassment."


# The rest of the conversation ----------------------------------------------------------------


async def test_cancel_throws_the_draft_away(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    await s.run("I need to install Zoom", "Zoom")
    assert await s.say("cancel") == "Cancelled: your software request was not sent."
    assert await lite.store.load_draft(s.chat.conversation) is None
    assert await s.say("cancel") == "There's nothing to cancel."
    assert await s.say("my requests") == "You haven't made any requests yet."
    assert "(1/6)" in await s.say("I need to install Zoom")


async def test_one_form_at_a_time(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    await s.run("I need to install Zoom", "Zoom")
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
    await s.run("I need to install Zoom", "Zoom")
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
    await s.run("I need to install Zoom", "Zoom")
    out = await s.say("1" * 100_000)
    assert out.startswith("✗ That message is too long for me")


async def test_an_abandoned_draft_expires(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    await s.run("I need to install Zoom", "Zoom")
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
    await s.run("I need to install Zoom", "Zoom")
    await s.say("/as staff")
    assert "(1/6)" in await s.say("I need to install Zoom")


async def test_help_lists_what_people_can_say(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    out = await s.say("help")
    assert '"I need to install Zoom"' in out and "my requests" in out
    assert "queue" not in out
    await s.say("/as clerk")
    assert "For the Clerk: queue · show SW-0001" in await s.say("help")
