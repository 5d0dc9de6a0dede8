"""Whole conversations in the terminal chat: a suspected virus, a personal press release and
an abusive post, from the requester to the Clerk and back.

Times: the FakeClock starts at 09:00 UTC on Sat 21 Nov 2026 (GMT, so 09:00 in the UK too).
"""

from __future__ import annotations

from bot.app import Core
from tests.bot.console.chats import BELL
from tests.bot.console.conftest import Script
from tests.workflows.bindings import WATTON_STATEMENT as STATEMENT
from tests.workflows.store.support import FakeClock

# Suspected virus ------------------------------------------------------------------------------


async def test_virus_report_safety_first_then_reminder_and_escalation(
    core: Core, clock: FakeClock
) -> None:
    s = Script(core, clock)
    out = await s.lines("Report a suspected virus")
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
    out = await s.lines("I want to report a post")
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
