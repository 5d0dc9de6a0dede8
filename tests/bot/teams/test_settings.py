"""Starting safely: anonymous mode only on loopback, and a real app id means real tokens."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import Core
from bot.server import build_app
from bot.teams.settings import TeamsSettings, is_loopback
from bot.teams.surface import TeamsSurface
from knowledge.library import Library
from tests.bot.support import core_for
from tests.bot.teams.support import PEOPLE_TOML, STAFF
from tests.workflows.store.support import FakeClock

APP_ID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"


def settings(**given: str) -> TeamsSettings:
    return TeamsSettings(_env_file=None, **given)  # type: ignore[arg-type]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"])
def test_anonymous_mode_is_allowed_on_loopback(host: str) -> None:
    assert is_loopback(host)
    assert settings().problems(host) == []


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "bot.example.org"])
def test_anonymous_mode_is_refused_elsewhere(host: str) -> None:
    (problem,) = settings().problems(host)
    assert "anonymous mode" in problem and "MicrosoftAppId" in problem


def test_an_app_id_needs_its_password_and_a_single_tenant_its_tenant() -> None:
    assert settings(app_id=APP_ID).problems("0.0.0.0") == [
        "MicrosoftAppType MultiTenant needs MicrosoftAppPassword"
    ]
    assert settings(app_id=APP_ID, app_password="s").problems("0.0.0.0") == []
    single = settings(app_id=APP_ID, app_password="s", app_type="SingleTenant")
    assert single.problems("0.0.0.0") == [
        "MicrosoftAppType SingleTenant needs MicrosoftAppTenantId"
    ]
    msi = settings(app_id=APP_ID, app_type="UserAssignedMSI", tenant_id="t")
    assert msi.problems("0.0.0.0") == []


def test_the_bot_framework_names_are_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MicrosoftAppId", APP_ID)
    monkeypatch.setenv("MicrosoftAppPassword", "secret")
    monkeypatch.setenv("MicrosoftAppTenantId", "tenant")
    monkeypatch.setenv("MicrosoftAppType", "SingleTenant")
    monkeypatch.setenv("CLERKBOT_TEAMS_CLERK_CHANNEL", "19:c@thread.tacv2")
    read = TeamsSettings(_env_file=None)  # type: ignore[call-arg]
    assert (read.app_id, read.tenant_id, read.app_type) == (APP_ID, "tenant", "SingleTenant")
    assert read.app_password.get_secret_value() == "secret" and "secret" not in repr(read)
    assert read.clerk_channel == "19:c@thread.tacv2"
    config = read.botbuilder()
    assert (config.APP_ID, config.APP_PASSWORD, config.APP_TENANTID) == (APP_ID, "secret", "tenant")


async def test_the_surface_refuses_to_start_unsafely(
    tmp_path: Path, clock: FakeClock, library: Library
) -> None:
    core = await core_for(tmp_path, PEOPLE_TOML, clock, library)
    try:
        with pytest.raises(ValueError, match="only allowed on a loopback address"):
            TeamsSurface.create(core, host="0.0.0.0", settings=settings())
    finally:
        await core.close()


async def test_with_an_app_id_an_unsigned_activity_is_rejected(
    tmp_path: Path, clock: FakeClock, library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    core: Core = await core_for(tmp_path, PEOPLE_TOML, clock, library)
    try:
        real = settings(app_id=APP_ID, app_password="secret")
        surface = TeamsSurface.create(core, host="0.0.0.0", settings=real)
        assert "ANONYMOUS" not in caplog.text
        async with TestClient(TestServer(build_app(core, [surface]))) as http:
            activity = {
                "type": "message",
                "id": "1",
                "channelId": "msteams",
                "serviceUrl": "http://127.0.0.1:9/",
                "from": STAFF.account(),
                "recipient": {"id": "28:bot"},
                "conversation": {"id": STAFF.personal},
                "text": "hello",
            }
            response = await http.post("/api/messages", json=activity)
            assert response.status == 401
            forged = await http.post(
                "/api/messages", json=activity, headers={"Authorization": "Bearer not.a.jwt"}
            )
            assert forged.status == 401
        assert await core.store.conversation_ref("staff", "teams") is None
    finally:
        await core.close()
