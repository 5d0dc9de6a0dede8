"""The action, callback and command names the Slack app uses, in one place.

The manifest (manifest.json) must declare the same commands and shortcut; a test checks.
"""

from __future__ import annotations

import re

#: A core Button becomes an action_id "cb:<action>:<n>" (n keeps ids unique in a block).
CORE_ACTION = re.compile(r"^cb:(?P<action>[a-z_]+):\d+$")
FEEDBACK = re.compile(r"^feedback:(?P<helpful>up|down)$")
SHARE = "share_answer"
OPEN_FORM = re.compile(r"^open_form:\d+$")

POLICY_COMMAND = "/policy"
REQUEST_COMMAND = "/request"
REPORT_SHORTCUT = "report_to_clerk"
FORM_VIEW = "request_form"

COMMANDS = (POLICY_COMMAND, REQUEST_COMMAND)
MESSAGE_SHORTCUTS = (REPORT_SHORTCUT,)
#: Events that are turns of a conversation: answered from the backlog, not by a listener.
TURN_EVENTS = ("app_mention", "message")
EVENTS = (*TURN_EVENTS, "app_home_opened")


def core_action_id(action: str, n: int) -> str:
    return f"cb:{action}:{n}"
