"""Characters no record can hold (NUL, a lone surrogate) are refused at the door, with the
same clear words on SQLite and PostgreSQL, and nothing is half-saved."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.core.characters import REFUSED_MESSAGE
from bot.messages import ActionEvent, User
from tests.bot.console.conftest import Script
from tests.bot.console.test_chat import fill_software, state_of, user
from tests.workflows.store.support import FakeClock

BAD = ["Zo\x00om", "Zoom \ud83d", "\udc00"]


@pytest.mark.parametrize("text", BAD)
async def test_a_form_answer_that_cannot_be_stored_is_refused_and_changes_nothing(
    core: Core, clock: FakeClock, text: str
) -> None:
    s = Script(core, clock)
    await s.say("I need to install some software")
    before = await core.store.load_draft(s.chat.conversation)
    assert await s.say(text) == f"✗ {REFUSED_MESSAGE}"
    assert await core.store.load_draft(s.chat.conversation) == before
    assert "(2/6)" in await s.say("Zoom")  # and the form goes on


async def test_a_reject_note_that_cannot_be_stored_leaves_rejecting_possible(
    core: Core, clock: FakeClock
) -> None:
    s = Script(core, clock)
    await fill_software(s)
    await s.say("/as clerk")
    await s.say("Reject")
    assert await s.say("Not needed\x00") == f"✗ {REFUSED_MESSAGE}"
    assert await state_of(core, "SW-0001") == "pending"
    out = await s.say("Not needed: we use Teams")  # the reason is still waited for
    assert out.startswith("■ Done: SW-0001 · Rejected by Jane Clerk")


async def test_a_note_typed_in_a_text_box_is_checked_too(core: Core) -> None:
    assert await core.assistant.note_problem("slack:D1", "ok\x00") == REFUSED_MESSAGE


async def test_a_forged_button_value_with_a_nul_is_refused(core: Core) -> None:
    event = ActionEvent(
        user=user(core, "clerk"), action="decide", value="SW-0001\x00:approve", conversation="c"
    )
    (reply,) = await core.assistant.press(event)
    assert reply.text == "I don't recognise that button; nothing was changed."


async def test_prefilled_answers_that_cannot_be_stored_are_asked_for_again(core: Core) -> None:
    errors = core.assistant.form_errors("software", {"name": "Zo\x00om"})
    assert errors["name"] == REFUSED_MESSAGE
    replies = await core.assistant.start_prefilled(
        user(core, "staff"), "console:staff", "software", {"name": "Zo\x00om"}
    )
    assert "(1/6) What software do you want to install?" in replies[-1].text


@pytest.mark.parametrize("text", BAD)
async def test_a_forged_feedback_value_is_refused_and_nothing_is_kept(
    core: Core, text: str
) -> None:
    thanks = await core.assistant.feedback(user(core, "staff"), text, None, helpful=False)
    assert thanks.text == "I don't recognise that button; nothing was changed."
    assert await core.store.questions.missed("watton") == []  # no 👎 kept


async def test_a_platform_name_with_unkeepable_characters_still_files_a_request(
    core: Core, clock: FakeClock
) -> None:
    newcomer = User(id="slack:unew", name="Ni\x00na \ud83dNewcomer", role="staff")
    assert newcomer.name == "Nina Newcomer"
    replies = await core.assistant.start_prefilled(
        newcomer, "slack:dm:UNEW", "software", {"name": "Zoom"}
    )
    assert "(2/6)" in replies[-1].text
