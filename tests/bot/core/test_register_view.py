"""The register as answers read it: not a database read per question, never stale after
this process's own decision, and another replica's within seconds."""

from __future__ import annotations

from bot.app import Core
from bot.core.register import RegisterView
from bot.messages import ActionEvent, User
from tests.bot.core.test_outbox import FORM
from tests.workflows.store.support import FakeClock
from workflows.software import SOFTWARE


class Ticker:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def approve_zoom(core: Core) -> str:
    staff, clerk = core.people.get("staff"), core.people.get("clerk")
    assert staff is not None and clerk is not None
    filed = await core.desk.submit(SOFTWARE, staff, "watton", dict(FORM))
    request_id: str = filed.id  # type: ignore[union-attr]
    await core.desk.decide(request_id, "approve", clerk)
    return request_id


async def test_questions_read_the_register_once_until_it_may_have_changed(
    core: Core, clock: FakeClock
) -> None:
    ticker = Ticker()
    view = RegisterView(core.store, "watton", ttl=10, clock=ticker)
    reads = 0
    original = core.store.software_register

    async def counted(council: str | None = None):  # type: ignore[no-untyped-def]
        nonlocal reads
        reads += 1
        return await original(council)

    core.store.software_register = counted  # type: ignore[method-assign]
    for _ in range(5):
        assert await view.entries() == []
    assert reads == 1
    await approve_zoom(core)  # as another replica would: this view is not told
    ticker.now = 5
    assert await view.entries() == []
    ticker.now = 11  # past the ttl: read again
    assert [e.name for e in await view.entries()] == ["Zoom"]
    assert reads == 2
    view.forget()  # after this process's own decision
    await view.entries()
    assert reads == 3


async def test_an_approval_here_is_on_the_register_at_once(core: Core, clock: FakeClock) -> None:
    assert (
        "not on the authorised-software register"
        in (await core.assistant.ask("is Zoom approved?"))[0].text
    )
    staff, clerk = core.people.get("staff"), core.people.get("clerk")
    assert staff is not None and clerk is not None
    filed = await core.desk.submit(SOFTWARE, staff, "watton", dict(FORM))
    user = User(id=clerk.id, name=clerk.name, role=clerk.role)
    press = ActionEvent(
        user=user, action="decide", value=f"{filed.id}:approve", conversation="console:clerk"
    )  # type: ignore[union-attr]
    await core.assistant.press(press)
    shown = (await core.assistant.ask("is Zoom approved?"))[0].text
    assert "Zoom (6.2) is on the authorised-software register" in shown
