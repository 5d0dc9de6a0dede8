"""A restart between two steps: a new `clerkbot chat` process on the same data folder picks
up the draft where the last one stopped, and the Clerk then sees the request and decides."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def chat(data_dir: Path, *lines: str) -> str:
    """One `clerkbot chat` process, run where no .env or CLERKBOT_ setting can reach it."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("CLERKBOT_") and k not in ("DATABASE_URL",)
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat", "--data-dir", str(data_dir)],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        cwd=data_dir.parent,
        env={**env, "CLERKBOT_COUNCIL": "watton", "PYTHONPATH": str(REPO)},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_new_process_resumes_the_draft_and_the_clerk_sees_it(tmp_path: Path) -> None:
    data = tmp_path / "council"
    first = chat(data, "I need to install some software", "Zoom", "Zoom Workplace 6.2")
    assert first.startswith("clerkbot for Watton Town Council. You are Sam Staff (staff).")
    assert first.rstrip().endswith("(3/6) What council work is it for?\n  [1] Back   [2] Cancel")
    assert (data / "clerkbot.db").is_file()

    second = chat(
        data,
        "Remote committee meetings",
        "Office laptop",
        "Free basic licence",
        "no",
        "confirm",
        "/as clerk",
        "queue",
        "Open SW-0001",
        "Approve",
        "/as staff",
    )
    blocks = second.split("\n\n")
    assert blocks[1] == "staff> Remote committee meetings"
    assert blocks[2].startswith("(4/6) Which council device(s) will it go on?")
    assert "  Software: Zoom\n  Version and vendor or link: Zoom Workplace 6.2\n" in second
    assert "Sent to the Clerk as SW-0001." in second
    assert "[to clerk channel] ■ New software request SW-0001 from Sam Staff" in second
    assert "clerk> queue\n\nWaiting for a decision:\n  SW-0001: Software request: Zoom" in second
    assert "Done: SW-0001 · Approved by Jane Clerk" in second
    assert "[to you] Your software request SW-0001 was approved by Jane Clerk." in second
