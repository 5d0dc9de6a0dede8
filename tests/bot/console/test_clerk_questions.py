"""Ask the Clerk: a question the policy doesn't answer goes to the Clerk, who answers it,
links it to the clause that does (teaching the answerer), or marks it as not in the policy.
"""

from __future__ import annotations

import io
from pathlib import Path

from bot.app import Core, open_core
from bot.console.report import questions_report
from bot.core.characters import REFUSED_MESSAGE
from bot.messages import ActionEvent
from knowledge.library import Library
from tests.bot.console.conftest import Script, settings_for
from tests.bot.console.test_chat import BELL, state_of, user
from tests.workflows.store.support import FakeClock

SILENT = "is it ok if a visiting speaker plugs their own projector into the hall system?"


async def test_ask_link_and_the_next_asker_is_answered_from_the_clause(
    core: Core, clock: FakeClock
) -> None:
    s = Script(core, clock)
    out = await s.say(SILENT)
    assert "doesn't cover this. Shall I ask the Clerk?" in out
    assert "[1] Ask the Clerk" in out
    out = await s.say("1")
    assert "Sent to the Clerk as QU-0001" in out
    assert "Question: " + SILENT in out

    await s.say("/as clerk")
    out = await s.say("show QU-0001")
    assert "[2] Link to a clause" in out
    out = await s.say("2")
    assert "Which clause answers it?" in out
    out = await s.say("section 99")
    assert "The policy has no clause 'section 99'." in out
    assert await state_of(core, "QU-0001") == "pending"
    out = await s.say("§5.3")
    assert "Linked to the policy by Jane Clerk" in out
    record = await core.store.get_request("QU-0001")
    assert record is not None and record.data["linked_clause"] == "watton/5.3"

    out = await s.say("/as staff")
    assert BELL + "[to you]" in out
    assert "You must not attach any device or equipment to our systems" in out
    out = await s.say(SILENT)
    assert "§5.3" in out and "doesn't cover" not in out


async def test_what_the_clerk_links_is_learned_again_after_a_restart(
    on_disk: Core, clock: FakeClock, library: Library
) -> None:
    s = Script(on_disk, clock)
    await s.run(SILENT, "1", "/as clerk", "show QU-0001", "2", "§5.3")
    settings = on_disk.settings
    restarted = await open_core(settings, clock, library)
    try:
        found = restarted.assistant.answerer.ask(SILENT, "watton")
        assert found.answered and found.citations[0].clause_id == "watton/5.3"
    finally:
        await restarted.close()


async def test_the_clerk_answers_in_words_and_the_asker_reads_them(
    lite: Core, clock: FakeClock
) -> None:
    s = Script(lite, clock)
    await s.run(SILENT, "1", "/as clerk", "show QU-0001")
    out = await s.say("1")
    assert "Your answer: the person who asked will see it." in out
    await s.say("Yes, on the guest network only; ask me for its password.")
    assert await state_of(lite, "QU-0001") == "answered"
    out = await s.say("/as staff")
    assert "Yes, on the guest network only" in out


async def test_only_the_asker_can_send_their_question_and_only_once(
    lite: Core, clock: FakeClock
) -> None:
    s = Script(lite, clock)
    await s.say(SILENT)
    row = (await lite.store.questions.missed("watton"))[0]
    assert row.kind == "not covered" and row.request_id is None
    councillor = user(lite, "councillor")
    for value in ("1", "not-a-number", "99999", "9" * 200, "-1", ""):
        event = ActionEvent(user=councillor, action="ask_clerk", value=value, conversation="c")
        replies = await lite.assistant.press(event)
        assert "isn't for a question of yours" in replies[0].text
    assert await lite.store.list_requests(workflow="question") == []
    staff = user(lite, "staff")
    press = ActionEvent(user=staff, action="ask_clerk", value="1", conversation="console:staff")
    assert "QU-0001" in (await lite.assistant.press(press))[0].text
    again = (await lite.assistant.press(press))[0].text
    assert "already asked the Clerk this: it's QU-0001" in again
    assert len(await lite.store.list_requests(workflow="question")) == 1


async def test_the_review_report_lists_misses_and_what_the_clerk_did(
    on_disk: Core, clock: FakeClock
) -> None:
    s = Script(on_disk, clock)
    await s.run(SILENT, "1", "/as clerk", "show QU-0001", "3", "Ask the IT provider.")
    s.later(minutes=5)
    await on_disk.assistant.feedback(user(on_disk, "staff"), "can I use zoom?", "watton/5.2", False)
    await on_disk.assistant.feedback(user(on_disk, "staff"), "usb ok?", "watton/5.3", True)
    out = io.StringIO()
    assert await questions_report(on_disk.settings, out, as_csv=True) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "at,kind,question,clause,request,clerk"
    assert len(lines) == 3  # the 👍 is not a miss
    assert "not covered," + SILENT in lines[1]
    assert lines[1].endswith("QU-0001,marked as not in the policy: Ask the IT provider.")
    assert "not helpful,can I use zoom?,watton/5.2" in lines[2]
    text = io.StringIO()
    await questions_report(on_disk.settings, text, as_csv=False)
    assert "Clerk: marked as not in the policy: Ask the IT provider." in text.getvalue()


async def test_an_empty_review_says_so(tmp_path: Path) -> None:
    out = io.StringIO()
    await questions_report(settings_for(None, tmp_path / "fresh"), out, as_csv=False)
    assert out.getvalue().startswith("Nothing missed yet")


async def test_a_nul_in_a_question_is_refused_and_nothing_is_logged(
    core: Core, clock: FakeClock
) -> None:
    s = Script(core, clock)
    out = await s.say("what's the wifi\x00 password for the office?")
    assert out == f"✗ {REFUSED_MESSAGE}"
    assert await core.store.questions.missed("watton") == []


async def test_another_replica_learns_the_link_without_a_restart(
    core: Core, clock: FakeClock, library: Library
) -> None:
    other = await open_core(core.settings, clock, library)  # the same database
    try:
        assert not other.assistant.answerer.ask(SILENT, "watton").answered
        s = Script(core, clock)
        await s.run(SILENT, "1", "/as clerk", "show QU-0001", "2", "§5.3")
        assert await other.assistant.clerk.relearn() == 1
        found = other.assistant.answerer.ask(SILENT, "watton")
        assert found.answered and found.citations[0].clause_id == "watton/5.3"
        assert await other.assistant.clerk.relearn() == 0  # learned once
        assert await core.assistant.clerk.relearn() == 0  # it took the decision itself
    finally:
        await other.close()
