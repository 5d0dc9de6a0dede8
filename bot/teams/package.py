"""`clerkbot teams-package`: the Teams app package (manifest.json and two icons, zipped).

The manifest (schema 1.16) declares the bot (personal chat, teams, group chats, its
commands) and the "Report to Clerk" message action; its ids are the Azure Bot's app id,
read from MicrosoftAppId like the server's. Upload the zip in Teams (Apps > Manage your
apps > Upload an app) or the Teams admin centre.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import Field, HttpUrl
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.teams.settings import TeamsSettings

_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_FILES = ("manifest.json", "color.png", "outline.png")


class AppInfo(BaseSettings):
    """What Teams shows about the app's publisher: the council (CLERKBOT_TEAMS_...)."""

    model_config = SettingsConfigDict(env_prefix="CLERKBOT_TEAMS_", env_file=".env", extra="ignore")

    developer: str = Field(default="Your town council", min_length=1, max_length=32)
    website_url: HttpUrl = HttpUrl("https://www.example.org/")
    privacy_url: HttpUrl = HttpUrl("https://www.example.org/privacy")
    terms_url: HttpUrl = HttpUrl("https://www.example.org/terms")
    #: Raise it for every upload of a changed package: Teams keeps the highest version.
    app_version: str = Field(default="1.0.0", pattern=r"^\d+\.\d+\.\d+$")


def manifest(app_id: str, info: AppInfo) -> dict[str, Any]:
    """The manifest for this bot; raises ValueError when the app id can't be one."""
    if not _GUID.match(app_id):
        raise ValueError(
            "the Teams app package needs the Azure Bot's app id: set MicrosoftAppId "
            f"(a GUID such as 00000000-0000-0000-0000-000000000000), not {app_id or 'nothing'!r}"
        )
    template = (resources.files("bot.teams") / "app" / "manifest.json").read_text("utf-8")
    values = {
        "BOT_ID": app_id.lower(),
        "VERSION": info.app_version,
        "DEVELOPER": info.developer,
        "WEBSITE": str(info.website_url),
        "PRIVACY": str(info.privacy_url),
        "TERMS": str(info.terms_url),
    }
    # Filled in as JSON strings, so a developer name with quotes can't break the file.
    text = re.sub(r'"\{\{(\w+)\}\}"', lambda m: json.dumps(values[m.group(1)]), template)
    built: dict[str, Any] = json.loads(text)
    return built


def build_package(
    out: Path, settings: TeamsSettings | None = None, info: AppInfo | None = None
) -> Path:
    """Write the app package zip to `out` and return its path."""
    settings = settings or TeamsSettings()
    built = manifest(settings.app_id, info or AppInfo())
    folder = resources.files("bot.teams") / "app"
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        # Teams wants the three files at the top of the zip, not in a folder.
        archive.writestr("manifest.json", json.dumps(built, indent=2, ensure_ascii=False) + "\n")
        for name in _FILES[1:]:
            archive.writestr(name, (folder / name).read_bytes())
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clerkbot teams-package", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("clerkbot-teams.zip"))
    args = parser.parse_args(argv)
    try:
        path = build_package(args.out)
    except ValueError as err:
        print(f"clerkbot: {err}", file=sys.stderr)
        return 2
    print(f"wrote {path}: upload it in Teams (Apps > Manage your apps > Upload an app)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
