"""The Slack load benchmark, briefly: its shape and that every signed event is acked.

No timing assertions: this checks the benchmark works, not how fast the machine is.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.slack import run_slack

QUESTIONS = [
    {"id": "q1", "council": "watton", "question": "can I plug my phone into the office PC?"},
    {"id": "q2", "council": "watton", "question": "think my pc has a virus, what do i do?"},
    {"id": "q3", "council": "crewe", "question": "not for watton: never asked"},
]


async def test_a_short_run_reports_both_targets_without_errors(tmp_path: Path) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text("".join(json.dumps(q) + "\n" for q in QUESTIONS), encoding="utf-8")
    out = tmp_path / "bench" / "slack.json"

    result = await run_slack(questions, out, duration=2.0, connections=5)

    assert json.loads(out.read_text(encoding="utf-8")) == result
    assert set(result) == {"setup", "clerkbot", "bare", "ratio_clerkbot_over_bare", "after_ack"}
    assert result["setup"]["in_process"] is False
    for target in ("clerkbot", "bare"):
        load = result[target]
        assert load["connections"] == 5
        assert load["requests"] > 0
        assert load["errors"] == 0, load["error_kinds"]
        assert load["ack_ms_p50"] <= load["ack_ms_p95"] <= load["ack_ms_p99"] <= load["ack_ms_max"]
        assert 0 <= load["share_over_3s"] <= 1
    ratio = result["ratio_clerkbot_over_bare"]
    assert set(ratio) == {"requests_per_s", "ack_ms_p50", "ack_ms_p99"}
    after = result["after_ack"]
    assert after["drained"] is True
    assert after["pending_outbox"] == 0
    assert after["server_log_errors"] == 0
    assert after["fake_api_bad_auth"] == 0
    # Every acked question was answered in its DM after the ack.
    assert after["replies_by_method"].get("chat.postMessage", 0) >= result["clerkbot"]["requests"]
