"""The Slack benchmarks' load: correctly signed Events API requests, each a DM carrying a
policy question, from the people of a small roles file."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path

from slack_sdk.signature import SignatureVerifier

from bot.jsonl import read_jsonl

SECRET = "bench-signing-secret-0123456789ab"
COUNCIL = "watton"
EVENTS_PATH = "/slack/events"
#: Slack retries an event that is not acknowledged within this many milliseconds.
SLACK_ACK_LIMIT_MS = 3000.0
#: A request that takes longer than this is counted as an error (TimeoutError).
CLIENT_TIMEOUT_S = 30.0
#: The people the DMs come from (PEOPLE, the servers' roles file, maps their Slack ids).
USERS = ("UBSTAFF1", "UBSTAFF2", "UBCLLR1", "UBCLERK", "UBDEPUTY")
PEOPLE = """
[[person]]
id = "staff1"
name = "Sam Staff"
role = "staff"
slack_id = "UBSTAFF1"

[[person]]
id = "staff2"
name = "Pat Staff"
role = "staff"
slack_id = "UBSTAFF2"

[[person]]
id = "councillor"
name = "Chris Councillor"
role = "councillor"
slack_id = "UBCLLR1"

[[person]]
id = "clerk"
name = "Jane Clerk"
role = "clerk"
slack_id = "UBCLERK"

[[person]]
id = "deputy"
name = "Dev Deputy"
role = "deputy"
slack_id = "UBDEPUTY"
"""


def watton_questions(path: Path) -> list[str]:
    found = [r["question"] for r in read_jsonl(path) if r.get("council") == COUNCIL]
    if not found:
        raise ValueError(f"{path}: no {COUNCIL} questions")
    return found


class Events:
    """Signed Events API bodies: DMs from USERS asking `questions`, round-robin."""

    def __init__(self, questions: Sequence[str]) -> None:
        self.questions = questions
        self.signer = SignatureVerifier(SECRET)
        self.sent = 0
        self.run = f"{int(time.time()):x}"

    def next(self) -> tuple[bytes, dict[str, str]]:
        n, self.sent = self.sent, self.sent + 1
        body = event_body(f"Ev{self.run}{n:08d}", USERS[n % len(USERS)], self.question(n), n)
        stamp = str(int(time.time()))
        signature = self.signer.generate_signature(timestamp=stamp, body=body) or ""
        headers = {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature,
        }
        return body.encode("utf-8"), headers

    def question(self, n: int) -> str:
        return self.questions[n % len(self.questions)]


def event_body(event_id: str, user: str, text: str, n: int) -> str:
    now = time.time()
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": "D" + user[1:],
        "user": user,
        "text": text,
        "ts": f"{now:.6f}",
        "event_ts": f"{now:.6f}",
    }
    return json.dumps(
        {
            "token": "bench",
            "team_id": "T1",
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(now),
            "event": event,
            "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}],
            "event_context": f"ctx-{n}",
        }
    )
