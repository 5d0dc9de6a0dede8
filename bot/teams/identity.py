"""Teams users as clerkbot's handles: the roles file's `teams_id` (the Entra object id),
or a handle derived from it."""

from __future__ import annotations

import hashlib
from typing import Final

#: Derived handles start so: the person is reached through their stored chat.
PREFIX = "teams-"


class TeamsHandles:
    platform: Final = "teams"
    unnamed: Final = "Teams user"

    def handle(self, platform_id: str) -> str:
        # Teams ids are case-sensitive, so the handle is a digest; replies find the user
        # again through the stored conversation reference, not by reversing the handle.
        return PREFIX + hashlib.sha256(platform_id.encode()).hexdigest()[:16]

    def platform_id(self, handle: str) -> str | None:
        return None


TEAMS = TeamsHandles()
