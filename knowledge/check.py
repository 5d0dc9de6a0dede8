"""`clerkbot index --check`: is a folder of policy files fit to answer from?

Errors (the file cannot be used as it is): unreadable front matter, no clauses, duplicate
clause ids, two files for one council. Warnings (worth a look, not fatal): numbering gaps,
text that looks like PDF furniture left in, missing adoption or review dates, and what
knowledge/lint.py reads in the layout (items run on, empty headings, lone footers, clauses
run together).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from knowledge import frontmatter
from knowledge.frontmatter import FrontMatterError
from knowledge.lint import lint
from knowledge.models import PolicyDocument
from knowledge.parse import load, policy_files

Level = Literal["error", "warning", "note"]

_FURNITURE = [
    (re.compile(r"\bpage \d+( of \d+)?\b", re.I), "page number"),
    (re.compile(r"^[>\u27a4\u2022\u25aa\u25cf\u2013-]\s"), "bullet glyph at the start"),
    (re.compile(r"\*\*|\t"), "markup or table tab"),
    (re.compile(r"(\.{4,}|\s)\d{1,3}$"), "contents-page entry (title then page number)"),
    (re.compile(r"\bamendment (no|record)\b", re.I), "amendment-record table"),
]
_NUMBERED = re.compile(r"^(?:(.*)\.)?(\d+)$")
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_ROMAN = {r: i for i, r in enumerate(_ROMANS, 1)}


@dataclass(slots=True)
class Finding:
    level: Level
    message: str
    line: int | None = None


@dataclass(slots=True)
class Report:
    path: Path
    council: str = "?"
    clauses: int = 0
    findings: list[Finding] = field(default_factory=list)

    def count(self, level: Level) -> int:
        return sum(1 for f in self.findings if f.level == level)


def check_folder(folder: Path, today: dt.date | None = None) -> list[Report]:
    reports = [check_file(p, today or dt.date.today()) for p in policy_files(folder)]
    councils = Counter(r.council for r in reports if r.council != "?")
    for report in reports:
        if councils[report.council] > 1:
            report.findings.append(Finding("error", f"council {report.council!r} has two files"))
    return reports


def check_file(path: Path, today: dt.date) -> Report:
    report = Report(path)
    try:
        doc = load(path)
    except (FrontMatterError, UnicodeDecodeError) as exc:
        report.findings.append(Finding("error", str(exc)))
        return report
    report.council, report.clauses = doc.info.council, len(doc.clauses)
    report.findings += [Finding("warning", msg, line) for line, msg in doc.problems]
    report.findings += structure(doc) + furniture(doc) + dates(doc, today)
    _, body, first_line = frontmatter.split(path.read_text(encoding="utf-8"))
    report.findings += [Finding("warning", x.message, x.line) for x in lint(doc, body, first_line)]
    return report


def structure(doc: PolicyDocument) -> list[Finding]:
    if not doc.clauses:
        return [Finding("error", "no clauses found: is the body empty or all headings?")]
    ids = Counter(c.id for c in doc.clauses)
    out = [
        Finding("error", f"duplicate clause id {i} ({n} times)") for i, n in ids.items() if n > 1
    ]
    return out + [Finding("warning", gap) for gap in gaps(list(ids))]


def _ordinals(markers: list[str]) -> list[int]:
    """Markers of one run as numbers. "i", "v", "x" are letters unless the run is roman."""
    if all(m.isdigit() for m in markers):
        return [int(m) for m in markers]
    if all(m in _ROMAN for m in markers) and any(len(m) > 1 for m in markers):
        return [_ROMAN[m] for m in markers]
    return [ord(m) - ord("a") + 1 for m in markers if len(m) == 1 and m.isalpha()]


def gaps(ids: list[str]) -> list[str]:
    """Missing numbers in runs such as 3.1, 3.2, 3.4 or (a), (b), (d)."""
    runs: dict[str, list[str]] = defaultdict(list)
    for cid in ids:
        local = cid.split("/", 1)[1]
        if marked := re.match(r"^(.*)\((\w+)\)$", local):
            runs[marked.group(1)].append(marked.group(2))
        elif numbered := _NUMBERED.match(local):
            runs[numbered.group(1) or ""].append(numbered.group(2))
    out = []
    for parent, markers in runs.items():
        numbers = _ordinals(markers)
        if not numbers:
            continue
        missing = sorted(set(range(min(numbers), max(numbers) + 1)) - set(numbers))
        if missing:
            where = f"under {parent}" if parent else "at the top level"
            out.append(f"numbering gap {where}: {', '.join(map(str, missing))} missing")
    return out


def furniture(doc: PolicyDocument) -> list[Finding]:
    out = []
    for clause in doc.clauses:
        for pattern, what in _FURNITURE:
            if pattern.search(clause.text):
                out.append(
                    Finding("warning", f"{clause.id}: looks like {what}: {clause.text[:60]!r}")
                )
    repeated = Counter(c.text for c in doc.clauses if len(c.text.split()) <= 8)
    for text, n in repeated.items():
        if n >= 3:
            out.append(
                Finding("warning", f"short text repeated {n} times (page header?): {text!r}")
            )
    return out


def dates(doc: PolicyDocument, today: dt.date) -> list[Finding]:
    info = doc.info
    out = []
    if info.adopted is None:
        out.append(Finding("warning", "no adopted date in the front matter"))
    if info.review_due is None:
        out.append(Finding("warning", "no review_due date in the front matter"))
    elif info.overdue(today):
        out.append(Finding("note", f"review was due by {info.review_due}: answers will say so"))
    return out
