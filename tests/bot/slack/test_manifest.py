"""manifest.json is a valid Slack app manifest and declares exactly what the code listens to."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from bot.slack import ids
from bot.slack.listeners import SlackBot

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return json.loads((REPO / "manifest.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_manifest_is_valid_against_the_community_schema(
    manifest: dict[str, Any], shared: Path
) -> None:
    schema = json.loads((shared / "schemas" / "slack-app-manifest.schemastore.json").read_text())
    jsonschema.validate(manifest, schema)


class Recorder:
    """Stands in for Bolt's AsyncApp and notes every listener registration."""

    def __init__(self) -> None:
        self.seen: dict[str, set[str]] = {"event": set(), "command": set(), "shortcut": set()}

    def __getattr__(self, kind: str) -> Callable[..., Callable[[Any], Any]]:
        def register(*args: Any, **_: Any) -> Callable[[Any], Any]:
            if kind in self.seen and args:
                self.seen[kind].add(str(args[0]))
            return lambda listener: listener

        return register


def registered() -> dict[str, set[str]]:
    recorder = Recorder()
    bot = SlackBot.__new__(SlackBot)  # only register() runs: no core is needed to list them
    bot.register(recorder)  # type: ignore[arg-type]
    return recorder.seen


def test_commands_and_shortcuts_match_the_code(manifest: dict[str, Any]) -> None:
    seen = registered()
    commands = {c["command"] for c in manifest["features"]["slash_commands"]}
    shortcuts = {s["callback_id"] for s in manifest["features"]["shortcuts"]}
    assert commands == seen["command"] == set(ids.COMMANDS)
    assert shortcuts == seen["shortcut"] == set(ids.MESSAGE_SHORTCUTS)


def test_events_match_the_code(manifest: dict[str, Any]) -> None:
    # The manifest names message events by where they come from ("message.im").
    subscribed = {
        e.split(".")[0] for e in manifest["settings"]["event_subscriptions"]["bot_events"]
    }
    handled = registered()["event"] | set(ids.TURN_EVENTS)  # turns: SlackBot.dedupe
    assert subscribed == handled == set(ids.EVENTS)
    assert manifest["settings"]["event_subscriptions"]["bot_events"].count("message.im") == 1


def test_scopes_are_the_minimum(manifest: dict[str, Any]) -> None:
    # Each is justified in the README ("Connect to Slack"); adding one needs a reason there.
    assert manifest["oauth_config"]["scopes"]["bot"] == [
        "app_mentions:read",
        "chat:write",
        "commands",
        "im:history",
        "users:read",
    ]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for scope in manifest["oauth_config"]["scopes"]["bot"]:
        assert f"`{scope}`" in readme
