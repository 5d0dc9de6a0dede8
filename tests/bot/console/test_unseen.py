"""A crash between saving a form step and sending its question: the person's next message
is not stored under a question they never saw; the question is shown again."""

from __future__ import annotations

from bot.app import Core, open_core
from bot.core.unseen import AGAIN
from bot.messages import IncomingMessage
from knowledge.library import Library
from tests.bot.console.conftest import Script
from tests.bot.console.test_chat import user
from tests.workflows.store.support import FakeClock


async def test_after_a_crash_the_unseen_question_is_asked_again(
    core: Core, clock: FakeClock, library: Library
) -> None:
    s = Script(core, clock)
    await s.run("I need to install some software", "Zoom")  # question 2 shown: all well so far
    staff = user(core, "staff")
    # The next step is saved, and then the process dies before its reply is sent.
    said = IncomingMessage(user=staff, text="6.2", conversation=s.chat.conversation)
    await core.assistant.handle(said)
    restarted = await open_core(core.settings, clock, library)  # the same database
    try:
        again = await restarted.assistant.handle(
            IncomingMessage(user=staff, text="hello?", conversation=s.chat.conversation)
        )
        assert again[0].text == AGAIN
        assert "(3/6) What council work is it for?" in again[-1].text
        await restarted.assistant.delivered(s.chat.conversation)  # this time it went out
        draft = await restarted.store.load_draft(s.chat.conversation)
        assert draft is not None and "hello?" not in str(draft.state)
        step = await restarted.assistant.handle(
            IncomingMessage(
                user=staff, text="Remote committee meetings", conversation=s.chat.conversation
            )
        )
        assert "(4/6)" in step[-1].text, [r.text for r in step]
    finally:
        await restarted.close()


async def test_a_question_that_went_out_is_answered_as_ever(lite: Core, clock: FakeClock) -> None:
    s = Script(lite, clock)
    out = await s.run("I need to install some software", "Zoom", "6.2")
    assert "(3/6) What council work is it for?" in out
    assert AGAIN not in await s.say("Remote committee meetings")
