"""`clerkbot import FILE... --council SLUG`: a council's own policy document(s) become a
policy file, checked, with a report the Clerk can act on."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import TextIO

from bot.console.bindings import report_bindings
from knowledge.binding import SUFFIX, OverrideError
from knowledge.check import Report, check_file
from knowledge.importing import Imported, UnusableDocumentError, convert
from knowledge.library import Library, bundled_policies
from knowledge.parse import parse

_SLUG = "lowercase letters, digits and hyphens, e.g. east-bergholt"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "import", help="turn a council's policy (PDF, Word, web page, text) into a policy file"
    )
    parser.add_argument("files", nargs="+", type=Path, help="the document(s): one council's set")
    parser.add_argument("--council", required=True, help=f"the council's slug ({_SLUG})")
    parser.add_argument("--name", help='the council\'s name, e.g. "Barrington Parish Council"')
    parser.add_argument("--out", type=Path, help="folder to write SLUG.md to (default: bundled)")
    parser.add_argument("--force", action="store_true", help="replace an existing policy file")


def import_command(args: argparse.Namespace, out: TextIO, today: dt.date | None = None) -> int:
    """0: written and usable; 1: written, but the check found errors (or the council's
    topics file names what isn't there); 2: nothing written."""
    folder: Path = args.out or bundled_policies()
    target = folder / f"{args.council}.md"
    if target.exists() and not args.force:
        print(f"clerkbot: {target} already exists (pass --force to replace it)", file=out)
        return 2
    try:
        imported = convert(list(args.files), args.council, args.name)
        parse(imported.markdown)  # the front matter it wrote must read back
    except UnusableDocumentError as err:
        print(f"clerkbot: can't import: {err}", file=out)
        return 2
    except ValueError as err:  # a slug or a date the format refuses
        print(f"clerkbot: can't import: {err}", file=out)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(imported.markdown, encoding="utf-8")
    report = check_file(target, today or dt.date.today())
    print_import(imported, report, target, out)
    if report.count("error"):
        return 1
    return _print_topics(args.council, folder, out)


def _print_topics(council: str, folder: Path, out: TextIO) -> int:
    """What each workflow rests on in the imported policy (bot/console/bindings.py),
    with the council's override file if it has one; the folder's other files (the
    sources, other councils) are not read."""
    with tempfile.TemporaryDirectory() as scratch:
        alone = Path(scratch)
        for name in (f"{council}.md", f"{council}{SUFFIX}"):
            if (folder / name).is_file():
                shutil.copy(folder / name, alone / name)
        library = Library.load(alone)
        try:
            said = report_bindings(library, council, alone)
        except OverrideError as err:
            print(f"  workflow topics: error: {err}", file=out)
            return 1
    print("  " + "\n  ".join(said), file=out)
    return 0


def print_import(imported: Imported, report: Report, target: Path, out: TextIO) -> None:
    doc = parse(imported.markdown)
    sources = ", ".join(Path(s).name for s in imported.sources)
    print(f"Imported {sources} → {target}", file=out)
    print(f'  {imported.name}: "{imported.title}"', file=out)
    style = (
        "numbered: cited by the document's own numbers (§3.7)"
        if imported.numbered
        else ("unnumbered: cited by heading and point (Security, point 2)")
    )
    print(f"  {style}", file=out)
    per_heading = Counter(
        c.heading_path[-1] if c.heading_path else "(before any heading)" for c in doc.clauses
    )
    print(f"  {len(doc.clauses)} clauses under {len(per_heading)} headings:", file=out)
    for heading, count in per_heading.items():
        print(f"    {count:4d}  {heading[:70]}", file=out)
    removed = imported.removed
    if removed.counts:
        print("  removed as furniture:", file=out)
        for kind, count in removed.counts.most_common():
            print(f"    {count:4d}  {kind} (e.g. {removed.examples[kind]!r})", file=out)
    else:
        print("  removed as furniture: nothing", file=out)
    if imported.rejoined:
        examples = "; ".join(imported.rejoined_examples)
        print(f"  lines rejoined across a break: {imported.rejoined} ({examples})", file=out)
    for kind, value in imported.dates.as_dict().items():
        label = kind.replace("_", " ")
        print(f"  {label}: {value if value else 'not stated in the document'}", file=out)
    for warning in imported.warnings:
        print(f"  warning: {warning}", file=out)
    errors, warnings = report.count("error"), report.count("warning")
    status = "can't be used as it is" if errors else "ready to answer from"
    print(f"  check: {errors} errors, {warnings} warnings: {status}", file=out)
    for finding in report.findings:
        where = f"line {finding.line}: " if finding.line else ""
        print(f"    {finding.level}: {where}{finding.message}", file=out)
