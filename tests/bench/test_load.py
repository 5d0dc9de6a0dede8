"""The open-loop load benchmark, briefly: its arrival times, and a one-second run's shape.

No timing assertions: this checks the benchmark works, not how fast the machine is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.load import run_load
from bench.load_report import markdown
from bench.openloop import arrival_times

QUESTIONS = [
    {"id": "q1", "council": "watton", "question": "can I plug my phone into the office PC?"},
    {"id": "q2", "council": "watton", "question": "think my pc has a virus, what do i do?"},
]


def test_arrivals_are_at_the_rate_within_the_window() -> None:
    even = arrival_times(20, 2.0, "even")
    assert len(even) == 40
    assert even[:3] == [0.0, 0.05, 0.1]
    poisson = arrival_times(200, 10.0)
    assert poisson == sorted(poisson)
    assert poisson[0] >= 0
    assert poisson[-1] < 10.0
    assert 1800 < len(poisson) < 2200  # 2,000 expected; the seed is fixed
    assert poisson == arrival_times(200, 10.0)
    with pytest.raises(ValueError, match="arrivals"):
        arrival_times(10, 1.0, "bursty")


async def test_a_one_second_open_loop_run_reports_its_shape(tmp_path: Path) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text("".join(json.dumps(q) + "\n" for q in QUESTIONS), encoding="utf-8")
    out = tmp_path / "bench" / "load.json"
    printed: list[str] = []

    result = await run_load(
        questions, out, rates=[5], duration=1.0, replicas=[1], connections=2, write=printed.append
    )

    assert json.loads(out.read_text(encoding="utf-8")) == result
    assert set(result) == {
        "setup",
        "phases",
        "capacity",
        "bare_max_acks_per_s",
        "targets",
        "health",
    }
    assert result["setup"]["backend"] == "sqlite"
    assert result["setup"]["semantic_layer"] in {"on", "OFF"}
    loads = [(p["target"], p["load"]) for p in result["phases"]]
    assert loads == [
        ("clerkbot", "5/s"),
        ("clerkbot", "closed 2"),
        ("bare", "5/s"),
        ("bare", "closed 2"),
    ]
    for phase in result["phases"]:
        assert phase["sent"] > 0
        assert phase["errors"] == 0, phase["error_kinds"]
        assert phase["acked"] == phase["sent"]
        assert phase["ack_ms_p50"] <= phase["ack_ms_p99"] <= phase["ack_ms_max"]
    clerkbot = [p for p in result["phases"] if p["target"] == "clerkbot"]
    for phase in clerkbot:
        # Every acked DM was answered once the load drained.
        assert phase["drained"] is True
        assert phase["unanswered"] == 0
        assert phase["answered_total"] == phase["acked"]
        assert phase["server_cpu_s"] > 0
    assert clerkbot[0]["offered_per_s"] == 5
    assert clerkbot[1]["connections"] == 2
    assert [p["answered"] for p in result["phases"] if p["target"] == "bare"] == [None, None]
    (capacity,) = result["capacity"]
    assert capacity["replicas"] == 1
    assert capacity["capacity_answered_per_s"] > 0
    assert result["health"] == [
        {
            "replicas": 1,
            "semantic": [result["setup"]["semantic_layer"] == "on"],
            "server_log_errors": 0,
            "fake_api_bad_auth": 0,
        }
    ]
    assert printed == [markdown(result)]
    assert "|clerkbot|1|sqlite|5/s|" in printed[0]
