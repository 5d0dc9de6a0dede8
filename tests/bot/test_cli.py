"""The command line, run as a user runs it (a subprocess of the installed script)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

CLERKBOT = [sys.executable, "-m", "bot.cli"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLERKBOT, *args], input=stdin, capture_output=True, text=True, cwd=REPO, timeout=120
    )


def test_ask_prints_the_cited_clause() -> None:
    out = run("ask", "can I plug my phone into the office PC to charge it?", "--council", "watton")
    assert out.returncode == 0, out.stderr
    first = out.stdout.splitlines()[0]
    assert first.startswith("Watton Town Council, Information Technology")
    assert first.endswith("§5.3")
    assert "You must not attach any device" in out.stdout
    assert "due for review" in out.stdout


def test_ask_says_when_the_policy_is_silent() -> None:
    out = run("ask", "whats the sick pay policy if I'm off for a week?", "--council", "flitwick")
    assert out.returncode == 0
    assert "Flitwick Town Council's policy doesn't cover this; ask the Clerk." in out.stdout


def test_ask_json_is_the_answer_contract() -> None:
    out = run(
        "ask", "who moderates our facebook page?", "--council", "crewe", "--json", "--top", "2"
    )
    answer = json.loads(out.stdout)
    assert set(answer) >= {"answered", "confidence", "citations", "reference", "council"}
    assert len(answer["citations"]) == 2
    assert set(answer["citations"][0]) >= {
        "council",
        "clause_id",
        "label",
        "document",
        "text",
        "quote",
        "score",
    }


def test_interactive_ask_reads_a_pipe() -> None:
    out = run("ask", stdin="can I plug my phone into the office PC?\n\nquit\nignored\n")
    assert out.returncode == 0
    assert out.stdout.count("§5.3") == 1


def test_unknown_council_is_a_clear_error() -> None:
    out = run("ask", "anything", "--council", "atlantis")
    assert out.returncode == 2
    assert "no policy loaded for council 'atlantis'" in out.stderr


def test_batch_then_reference_scorer_agrees_with_eval(shared: Path, tmp_path: Path) -> None:
    dev = shared / "eval" / "dev.jsonl"
    batch = run("ask", "--batch", str(dev), "--json")
    assert batch.returncode == 0, batch.stderr
    lines = [json.loads(line) for line in batch.stdout.splitlines()]
    ids = [json.loads(line)["id"] for line in dev.read_text().splitlines() if line.strip()]
    assert [p["id"] for p in lines] == ids
    for p in lines:
        assert isinstance(p["answered"], bool) and isinstance(p["latency_ms"], float)
        assert all({"council", "clause_id", "label", "text"} <= set(c) for c in p["citations"])
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(batch.stdout)
    reference = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), str(dev), str(predictions), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    ours = json.loads(run("eval", str(dev), "--json").stdout)
    theirs = json.loads(reference.stdout)
    for key, value in theirs.items():
        if key.startswith("latency"):
            continue  # two separate runs: timings differ, everything else must not
        assert ours[key] == pytest.approx(value, abs=0.0005), key


def test_index_lists_and_checks_the_bundled_policies() -> None:
    listing = run("index")
    assert listing.returncode == 0
    assert "watton" in listing.stdout and "117 clauses" in listing.stdout
    check = run("index", "--check")
    assert check.returncode == 0
    assert "watton.md: council watton, 117 clauses: ok" in check.stdout
    # Then, per council, the clause each workflow topic rests on, or a warning.
    assert "croft (Croft Parish Council): the clause each workflow topic rests on" in check.stdout
    assert re.search(r"\n  software\.permission +§5\.2 \(0\.\d\d\): \"You must", check.stdout)
    assert "  warning: no clause on what to do when a virus is suspected" in check.stdout
    assert run("index", "--check", "--strict").returncode == 1  # Flitwick has no dates


def test_index_check_fails_on_a_broken_folder(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text("---\ncouncil: Bad Slug\n---\n", encoding="utf-8")
    out = run("index", "--check", str(tmp_path))
    assert out.returncode == 1
    assert "bad.md" in out.stdout and "error: front matter" in out.stdout
    assert run("index", "--check", str(tmp_path / "nope")).returncode == 2


def test_serve_without_a_platform_says_so(tmp_path: Path) -> None:
    out = run("serve", "--data-dir", str(tmp_path))
    assert out.returncode == 2
    assert "--slack, --teams, or both" in out.stderr


def test_serve_slack_in_http_mode_needs_the_signing_secret(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    out = subprocess.run(
        [*CLERKBOT, "serve", "--slack", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env={**env, "SLACK_BOT_TOKEN": "xoxb-1"},
    )
    assert out.returncode == 2
    assert "SLACK_SIGNING_SECRET" in out.stderr


def test_audit_on_an_empty_data_folder(tmp_path: Path) -> None:
    empty = run("audit", "anchor", "--data-dir", str(tmp_path))
    assert empty.returncode == 1
    assert "the audit log is empty: nothing to anchor yet" in empty.stdout
    verified = run("audit", "verify", "--data-dir", str(tmp_path))
    assert verified.returncode == 0
    assert "0 entries" in verified.stdout and "0 anchors checked" in verified.stdout
    misused = run("audit", "anchor", "--anchor", "1:" + "a" * 16, "--data-dir", str(tmp_path))
    assert misused.returncode == 2
    assert "--anchor is for audit verify" in misused.stderr


def test_teams_package_writes_the_zip(tmp_path: Path) -> None:
    out = subprocess.run(
        [*CLERKBOT, "teams-package", "--out", str(tmp_path / "app.zip")],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={**os.environ, "MicrosoftAppId": "00000000-0000-0000-0000-0000000000ab"},
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "app.zip").stat().st_size > 0
