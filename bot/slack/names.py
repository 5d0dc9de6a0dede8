"""Real names for people the roles file doesn't list, so the Clerk's card says "Nina
Newcomer" rather than "U07ABCDEF". Looked up once per person with users.info (scope
users:read) and remembered; a failed lookup leaves the id, and nothing else waits on it."""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.identity import Identities
from bot.messages import User
from bot.slack.failures import why
from bot.slack.identity import SLACK

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Names:
    client: AsyncWebClient
    people: Identities
    #: How many names to remember (a council's workspace is small; this bounds a big one).
    limit: int = 2048
    #: Slack id -> name, oldest first; "" when Slack would not say.
    _known: OrderedDict[str, str] = field(default_factory=OrderedDict)

    async def of(self, user: User) -> User:
        if user.platform != SLACK.platform or self.people.listed(SLACK, user.platform_id):
            return user  # the roles file's name is the council's own
        if user.platform_id in self._known:
            name = self._known[user.platform_id]
        else:
            name = await self._look_up(user.platform_id)
        # Validated, not model_copy'd: the name is cleaned of what no database can hold.
        return User.model_validate({**user.model_dump(), "name": name}) if name else user

    async def _look_up(self, slack_id: str) -> str:
        try:
            found = await self.client.users_info(user=slack_id)
            name = display_name(found.get("user") or {}) or ""
        except SlackApiError as err:
            # Remembered too ("" = no name): without users:read (an app made from an older
            # manifest) every message would otherwise pay for a call that cannot succeed.
            log.warning("users.info for %s: %s", slack_id, why(err))
            name = ""
        except Exception as err:  # Slack unreachable for now: the id, and ask again later
            log.warning("users.info for %s: %s", slack_id, why(err))
            return ""
        self._known[slack_id] = name
        while len(self._known) > self.limit:
            self._known.popitem(last=False)
        return name


def display_name(user: dict[str, Any]) -> str | None:
    """What Slack itself shows: the profile's real name, else display name, else handle."""
    profile = user.get("profile") or {}
    for name in (profile.get("real_name"), profile.get("display_name"), user.get("name")):
        if isinstance(name, str) and name.strip():
            return name.strip()
    return None
