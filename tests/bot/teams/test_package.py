"""The Teams app package: a zip of a schema-valid manifest and the two icons."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest

from bot.teams.package import AppInfo, build_package, main
from bot.teams.settings import TeamsSettings
from tests.bot.teams.schema import manifest_errors

APP_ID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"


def settings(app_id: str = APP_ID) -> TeamsSettings:
    return TeamsSettings(_env_file=None, app_id=app_id)  # type: ignore[call-arg]


def info(**given: str) -> AppInfo:
    return AppInfo(_env_file=None, **given)  # type: ignore[arg-type]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_package_holds_a_valid_manifest_and_both_icons(tmp_path: Path) -> None:
    out = build_package(tmp_path / "app.zip", settings(), info(developer='Watton "TC"'))
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        color, outline = archive.read("color.png"), archive.read("outline.png")
    # 1.16, as it declares (the 1.29 schema's \p{L} patterns are beyond Python's re).
    assert manifest_errors(manifest, "MicrosoftTeams.schema.v1.16.json") == []
    assert manifest_errors({**manifest, "id": "x"}, "MicrosoftTeams.schema.v1.16.json")
    assert manifest["id"] == APP_ID
    assert manifest["bots"][0]["botId"] == APP_ID
    assert manifest["developer"]["name"] == 'Watton "TC"'
    (command,) = manifest["composeExtensions"][0]["commands"]
    assert command["id"] == "reportToClerk" and command["context"] == ["message"]
    assert command["title"] == "Report to Clerk" and command["fetchTask"] is True
    assert png_size(color) == (192, 192)
    assert png_size(outline) == (32, 32)
    # The outline icon is white on transparent (RGBA), as Teams requires.
    assert outline[25] == 6


def test_the_bot_id_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MicrosoftAppId", APP_ID.upper())
    assert main(["--out", "pkg/clerkbot.zip"]) == 0
    assert "wrote pkg/clerkbot.zip" in capsys.readouterr().out
    with zipfile.ZipFile(tmp_path / "pkg" / "clerkbot.zip") as archive:
        assert json.loads(archive.read("manifest.json"))["id"] == APP_ID


@pytest.mark.parametrize("app_id", ["", "not-a-guid"])
def test_no_package_without_a_real_app_id(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    app_id: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MicrosoftAppId", app_id)
    assert main([]) == 2
    assert "needs the Azure Bot's app id: set MicrosoftAppId" in capsys.readouterr().err
    assert not (tmp_path / "clerkbot-teams.zip").exists()
