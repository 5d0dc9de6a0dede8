"""`clerkbot requests list|show|export --csv` and `clerkbot audit verify|anchor` on a real
data folder."""

from __future__ import annotations

import csv
import io
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bot.console.test_chat_process import chat
from tests.conftest import REPO


def clerkbot(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLERKBOT_")}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=data_dir.parent,
        env={**env, "CLERKBOT_COUNCIL": "watton", "PYTHONPATH": str(REPO)},
        timeout=60,
    )


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding one software request, approved by the Clerk."""
    data = tmp_path_factory.mktemp("records") / "council"
    chat(
        data,
        "I need to install Zoom",
        "Zoom",
        "6.2",
        "Remote committee meetings",
        "Office laptop",
        "Free",
        "no",
        "confirm",
        "/as clerk",
        "show SW-0001",
        "Approve",
    )
    return data


def test_requests_list_and_show(council: Path) -> None:
    listed = clerkbot(council, "requests", "list")
    assert listed.returncode == 0, listed.stderr
    assert "SW-0001: Software request: Zoom — Approved by Jane Clerk at" in listed.stdout
    shown = clerkbot(council, "requests", "show", "sw-0001")
    assert shown.returncode == 0, shown.stderr
    assert "Software: Zoom" in shown.stdout
    history = shown.stdout.split("History:")[1]
    assert "Sam Staff: submitted" in history
    assert "Jane Clerk: decision:approve" in history
    missing = clerkbot(council, "requests", "show", "SW-0999")
    assert missing.returncode == 1


def test_requests_export_csv(council: Path) -> None:
    exported = clerkbot(council, "requests", "export", "--csv")
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert [(r["id"], r["state"], r["decision"], r["decided_by"]) for r in rows] == [
        ("SW-0001", "approved", "approve", "clerk")
    ]
    assert rows[0]["requester"] == "Sam Staff"
    assert '"name": "Zoom"' in rows[0]["data"]


def test_audit_verify_passes_then_catches_an_edit(council: Path, tmp_path: Path) -> None:
    ok = clerkbot(council, "audit", "verify")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "audit log intact" in ok.stdout

    tampered = _copy(council, tmp_path)
    _tamper(tampered, "UPDATE audit_log SET actor_id = 'mallory' WHERE action = 'decision:approve'")
    caught = clerkbot(tampered, "audit", "verify")
    assert caught.returncode == 1
    assert "AUDIT LOG TAMPERED" in caught.stdout
    assert "edited" in caught.stdout


ANCHOR = re.compile(
    r"clerkbot audit anchor: seq (\d+), sha256 ([0-9a-f]{64}), \d{4}-\d\d-\d\d \d\d:\d\d UTC"
)


def _copy(council: Path, tmp_path: Path) -> Path:
    """The council's data folder copied, so a test can anchor or tamper on its own."""
    copy = tmp_path / "council"
    copy.mkdir()
    db = sqlite3.connect(council / "clerkbot.db")
    db.execute(f"VACUUM INTO '{copy / 'clerkbot.db'}'")
    db.close()
    return copy


def _tamper(data: Path, *statements: str) -> None:
    """SQL as someone with write access to the database file would run it."""
    db = sqlite3.connect(data / "clerkbot.db")
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


def _anchor(data: Path) -> tuple[str, re.Match[str]]:
    anchored = clerkbot(data, "audit", "anchor")
    assert anchored.returncode == 0, anchored.stdout + anchored.stderr
    line = anchored.stdout.strip()
    found = ANCHOR.fullmatch(line)
    assert found, line
    assert "minute this line at the next meeting" in anchored.stderr
    return line, found


def test_audit_anchor_then_verify_round_trip(council: Path, tmp_path: Path) -> None:
    data = _copy(council, tmp_path)
    line, found = _anchor(data)
    db = sqlite3.connect(data / "clerkbot.db")
    assert db.execute("SELECT seq, hash FROM audit_head").fetchone() == (int(found[1]), found[2])
    db.close()
    assert (data / "audit-anchors.txt").read_text(encoding="utf-8") == line + "\n"

    minuted = f"Minute 7/26: {line} (agreed)"
    short = f"{found[1]}:{found[2][:16]}"
    ok = clerkbot(data, "audit", "verify", "--anchor", short, "--anchor", minuted)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "audit log intact" in ok.stdout
    assert "3 anchors checked; 1 request checked against the history" in ok.stdout

    wrong = clerkbot(data, "audit", "verify", "--anchor", f"{found[1]}:{'0' * 16}")
    assert wrong.returncode == 1
    assert f"anchor seq {found[1]} (--anchor): entry {found[1]} now hashes to" in wrong.stdout
    bogus = clerkbot(data, "audit", "verify", "--anchor", "seq 5")
    assert bogus.returncode == 2
    assert "--anchor 'seq 5' is not an anchor" in bogus.stderr


def test_audit_verify_catches_a_cut_tail_against_the_anchors_file(
    council: Path, tmp_path: Path
) -> None:
    data = _copy(council, tmp_path)
    _, found = _anchor(data)
    last = int(found[1])
    _tamper(
        data,
        f"DELETE FROM audit_log WHERE seq = {last}",
        f"UPDATE audit_head SET seq = {last - 1}, "
        f"hash = (SELECT hash FROM audit_log WHERE seq = {last - 1})",
    )
    caught = clerkbot(data, "audit", "verify")
    assert caught.returncode == 1
    assert "AUDIT LOG TAMPERED" in caught.stdout and "(1 anchor checked)" in caught.stdout
    assert (
        f"anchor seq {last} (audit-anchors.txt line 1): the log has no entry {last} any more"
        in caught.stdout
    )


def test_a_state_edited_in_the_requests_table_fails_verify_and_anchor(
    council: Path, tmp_path: Path
) -> None:
    data = _copy(council, tmp_path)
    _tamper(data, "UPDATE requests SET state = 'rejected' WHERE id = 'SW-0001'")
    caught = clerkbot(data, "audit", "verify")
    assert caught.returncode == 1
    assert (
        "SW-0001 is 'rejected' in the requests table but 'approved' by its audit history"
        in caught.stdout
    )
    refused = clerkbot(data, "audit", "anchor")
    assert refused.returncode == 1
    assert "NOT ANCHORED: the audit log fails verification" in refused.stdout
    assert not (data / "audit-anchors.txt").exists()
