"""`clerkbot requests list|show|export --csv` and `clerkbot audit verify` on a real data folder."""

from __future__ import annotations

import csv
import io
import os
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

    tampered = tmp_path / "council"
    tampered.mkdir()
    db = sqlite3.connect(council / "clerkbot.db")
    db.execute(f"VACUUM INTO '{tampered / 'clerkbot.db'}'")
    db.close()
    db = sqlite3.connect(tampered / "clerkbot.db")
    db.execute("UPDATE audit_log SET actor_id = 'mallory' WHERE action = 'decision:approve'")
    db.commit()
    db.close()
    caught = clerkbot(tampered, "audit", "verify")
    assert caught.returncode == 1
    assert "AUDIT LOG TAMPERED" in caught.stdout
    assert "edited" in caught.stdout
