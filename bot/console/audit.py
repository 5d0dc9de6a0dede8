"""`clerkbot audit verify` and `clerkbot audit anchor`: the audit log's checks and anchors.

An anchor is the chain's head (seq and sha256) written down outside the database: in the
minutes, and in the anchors file. Anyone with write access to the database can recompute
the chain after an edit; they cannot change what the minutes say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from bot.settings import Settings
from workflows.store import AuditAnchor, AuditReport, Store

# Searched for, not matched, so a line pasted from the minutes with words around it reads.
_LINE = re.compile(r"\bseq (\d+), sha256 ([0-9a-fA-F]+)\b")
_SHORT = re.compile(r"\s*(\d+)\s*:\s*([0-9a-fA-F]+)\s*")
_SHORT_HELP = 'give it as "SEQ:HASH" (e.g. "412:3fa9…", at least 16 hex digits) or the minuted line'


def anchor_line(head: AuditAnchor, at: datetime) -> str:
    """The line the Clerk minutes (and the anchors file keeps)."""
    when = at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
    return f"clerkbot audit anchor: seq {head.seq}, sha256 {head.hash}, {when} UTC"


def parse_anchor(text: str, source: str) -> AuditAnchor | None:
    """An anchor from a minuted line or "SEQ:HASH"; None if it is neither."""
    found = _SHORT.fullmatch(text) or _LINE.search(text)
    if found is None:
        return None
    try:
        return AuditAnchor(seq=int(found[1]), hash=found[2].lower(), source=source)
    except ValidationError:  # seq 0, or too few hex digits to mean anything
        return None


def given_anchors(texts: Sequence[str]) -> list[AuditAnchor]:
    """The --anchor options; raises ValueError (exit 2) on one that is not an anchor."""
    anchors = []
    for text in texts:
        anchor = parse_anchor(text, "--anchor")
        if anchor is None:
            raise ValueError(f"--anchor {text!r} is not an anchor: {_SHORT_HELP}")
        anchors.append(anchor)
    return anchors


def read_anchors(path: Path) -> tuple[list[AuditAnchor], list[str]]:
    """The anchors file's anchors, and a problem for each line that is not one (the file
    is outside the database, but may still have been edited). No file: no anchors."""
    if not path.exists():
        return [], []
    anchors, problems = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        anchor = parse_anchor(line, f"{path.name} line {number}")
        if anchor is None:
            problems.append(f"{path} line {number} is not an anchor: {line.strip()[:80]!r}")
        else:
            anchors.append(anchor)
    return anchors, problems


async def _verify(settings: Settings, anchors: list[AuditAnchor]) -> AuditReport:
    # Only the store is needed: no policies, no people, no model.
    async with await Store.open(settings.database(), schema=settings.database_schema) as store:
        return await store.verify_audit(anchors)


async def audit_command(settings: Settings, given: Sequence[str], out: TextIO) -> int:
    """`audit verify`: exit 1 on any problem."""
    anchors, unreadable = read_anchors(settings.anchors_file())
    anchors += given_anchors(given)
    report = await _verify(settings, anchors)
    problems = unreadable + report.problems
    if problems:
        _print_problems("AUDIT LOG TAMPERED", problems, report, out)
        return 1
    print(
        f"audit log intact: {report.checked} entries, every hash chains to the one before; "
        f"{_count(report.anchors, 'anchor')} checked; "
        f"{_count(report.requests, 'request')} checked against the history",
        file=out,
    )
    if not anchors and report.checked:
        print("  no anchors yet: run `clerkbot audit anchor` and minute its line", file=out)
    return 0


async def anchor_command(settings: Settings, out: TextIO, err: TextIO) -> int:
    """`audit anchor`: verify, then print the head and append it to the anchors file.
    A log that fails verification is not anchored: that would vouch for the tampering."""
    path = settings.anchors_file()
    anchors, unreadable = read_anchors(path)
    report = await _verify(settings, anchors)
    problems = unreadable + report.problems
    if problems:
        _print_problems("NOT ANCHORED: the audit log fails verification", problems, report, out)
        return 1
    if report.head is None:
        print("the audit log is empty: nothing to anchor yet", file=out)
        return 1
    line = anchor_line(report.head, datetime.now(UTC))
    _keep(path, line)
    print(line, file=out)  # alone on stdout, so it can be piped into the minutes
    print(f"kept in {path}; minute this line at the next meeting", file=err)
    return 0


def _keep(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as kept:
        kept.write(line + "\n")


def _print_problems(title: str, problems: list[str], report: AuditReport, out: TextIO) -> None:
    print(
        f"{title}: {_count(len(problems), 'problem')} in {report.checked} entries "
        f"({_count(report.anchors, 'anchor')} checked)",
        file=out,
    )
    for problem in problems:
        print(f"  {problem}", file=out)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
