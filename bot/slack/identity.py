"""Slack's user ids as clerkbot's handles: the roles file's `slack_id`, or a derived one."""

from __future__ import annotations

from typing import Final

_PREFIX = "slack-"


class SlackHandles:
    platform: Final = "slack"
    unnamed: Final = ""  # the id itself, until users.info gives the real name

    def handle(self, platform_id: str) -> str:
        # Slack ids are upper-case letters and digits, so lower-casing them is reversible.
        return _PREFIX + platform_id.lower()

    def platform_id(self, handle: str) -> str | None:
        return handle.removeprefix(_PREFIX).upper() if handle.startswith(_PREFIX) else None


SLACK = SlackHandles()
