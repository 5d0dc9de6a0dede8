"""The `clerkbot` command line."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from bot import app
from bot.console.audit import anchor_command, audit_command
from bot.console.bindings import print_bindings
from bot.console.importing import add_parser as add_import_parser
from bot.console.importing import import_command
from bot.console.records import requests_command
from bot.console.render import render_answer
from bot.console.report import questions_report
from bot.console.session import run_chat
from bot.jsonl import read_jsonl
from bot.settings import Settings
from knowledge.answer import Answerer, UnknownCouncilError
from knowledge.check import Level, Report, check_folder
from knowledge.library import Library, bundled_policies
from knowledge.metrics import score
from knowledge.semantic.cache import default_folder
from knowledge.semantic.load import semantic_judge


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clerkbot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer policy questions (no question: interactive)")
    ask.add_argument("question", nargs="?", help="the question; omit to be prompted")
    ask.add_argument("--council", help="council slug (default: CLERKBOT_COUNCIL)")
    ask.add_argument("--top", type=int, default=3, help="citations to return (default 3)")
    ask.add_argument("--json", action="store_true", help="print the Answer as JSON")
    ask.add_argument("--batch", type=Path, help="JSONL of {id, council, question}")

    ev = sub.add_parser("eval", help="score answers to a JSONL question file")
    ev.add_argument("file", type=Path)
    ev.add_argument("--json", action="store_true")

    index = sub.add_parser("index", help="load the policies and summarise them")
    index.add_argument("dir", nargs="?", type=Path, help="policy folder (default: bundled)")
    index.add_argument("--check", action="store_true", help="validate the folder")
    index.add_argument("--strict", action="store_true", help="with --check: warnings fail too")
    index.add_argument(
        "--prepare",
        action="store_true",
        help="also work out the semantic layer's vectors now (kept in the cache folder)",
    )

    add_import_parser(sub)

    chat = sub.add_parser("chat", help="the terminal chat: questions, requests, decisions")
    chat.add_argument("--as", dest="as_name", default="staff", help="who you are (default staff)")
    chat.add_argument("--data-dir", type=Path, help="where state lives (CLERKBOT_DATA_DIR)")
    chat.add_argument("--council", help="council slug (default: CLERKBOT_COUNCIL)")

    serve = sub.add_parser("serve", help="run the Slack and/or Teams bot (aiohttp, /healthz)")
    serve.add_argument("--slack", action="store_true", help="Slack: /slack/events")
    serve.add_argument("--teams", action="store_true", help="Teams: /api/messages")
    serve.add_argument("--socket-mode", action="store_true", help="Slack over Socket Mode")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=3978, help="port (default 3978)")
    serve.add_argument("--data-dir", type=Path, help="where state lives (CLERKBOT_DATA_DIR)")
    serve.add_argument("--council", help="council slug (default: CLERKBOT_COUNCIL)")

    package = sub.add_parser("teams-package", help="build the Teams app package (zip)")
    package.add_argument("--out", type=Path, default=Path("clerkbot-teams.zip"))

    requests = sub.add_parser("requests", help="the council's requests: list, show, export")
    requests.add_argument("action", choices=["list", "show", "export"])
    requests.add_argument("request_id", nargs="?", help="with show: SW-0001")
    requests.add_argument("--csv", action="store_true", help="with export: CSV (the default)")
    requests.add_argument("--data-dir", type=Path, help="where state lives (CLERKBOT_DATA_DIR)")

    audit = sub.add_parser("audit", help="verify the audit log, or anchor its head for the minutes")
    audit.add_argument("action", choices=["verify", "anchor"])
    audit.add_argument(
        "--anchor",
        action="append",
        default=[],
        metavar="SEQ:HASH",
        help="with verify: also check this anchor (e.g. one copied from the minutes)",
    )
    audit.add_argument("--data-dir", type=Path, help="where state lives (CLERKBOT_DATA_DIR)")

    report = sub.add_parser("report", help="what the policy missed, for its next review")
    report.add_argument("subject", choices=["questions"])
    report.add_argument("--csv", action="store_true", help="CSV instead of text")
    report.add_argument("--data-dir", type=Path, help="where state lives (CLERKBOT_DATA_DIR)")
    report.add_argument("--council", help="council slug (default: CLERKBOT_COUNCIL)")

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    try:
        if args.command == "ask":
            return _ask(args, settings)
        if args.command == "eval":
            return _eval(args, settings)
        if args.command == "index":
            return _index(args, settings)
        if args.command == "import":
            return import_command(args, sys.stdout)
        if args.command == "chat":
            return _chat(args, settings)
        if args.command == "serve":
            return _serve(args, settings)
        if args.command == "teams-package":
            from bot.teams.package import build_package

            print(f"wrote {build_package(args.out)}")
            return 0
        if args.command == "requests":
            if args.action == "show" and not args.request_id:
                raise ValueError("requests show needs a request id, e.g. SW-0001")
            return asyncio.run(
                requests_command(
                    _with_dir(settings, args), args.action, args.request_id, sys.stdout
                )
            )
        if args.command == "report":
            settings = _with_dir(settings, args)
            return asyncio.run(questions_report(settings, sys.stdout, as_csv=args.csv))
        return _audit(args, _with_dir(settings, args))
    except (UnknownCouncilError, FileNotFoundError, ValueError) as exc:
        print(f"clerkbot: {exc}", file=sys.stderr)
        return 2


def _with_dir(settings: Settings, args: argparse.Namespace) -> Settings:
    overrides = {"data_dir": args.data_dir, "council": getattr(args, "council", None)}
    return settings.model_copy(update={k: v for k, v in overrides.items() if v})


def _audit(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "anchor":
        if args.anchor:
            raise ValueError("--anchor is for audit verify: anchor takes the current head")
        return asyncio.run(anchor_command(settings, sys.stdout, sys.stderr))
    return asyncio.run(audit_command(settings, args.anchor, sys.stdout))


def _chat(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(run_chat(_with_dir(settings, args), args.as_name, sys.stdin, sys.stdout))


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.serve import ServeOptions, serve

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    options = ServeOptions(
        slack=args.slack,
        teams=args.teams,
        socket_mode=args.socket_mode,
        host=args.host,
        port=args.port,
    )
    if options.socket_mode and not options.slack:
        raise ValueError("--socket-mode is for Slack: add --slack")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(_with_dir(settings, args), options))
    return 0


def _library(settings: Settings) -> Library:
    return Library.load(settings.policies_dir)


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    answerer = app.answerer(settings, _library(settings))
    council = args.council or settings.council
    if args.batch:
        for record in read_jsonl(args.batch):
            _print_batch(answerer, record, args.top)
        return 0
    if args.question is not None:
        answer = answerer.ask(args.question, council, args.top)
        print(answer.model_dump_json(indent=2) if args.json else render_answer(answer))
        return 0
    return _interactive(answerer, council, args, sys.stdin)


def _print_batch(answerer: Answerer, record: dict[str, Any], top: int) -> None:
    answer = answerer.ask(record["question"], record["council"], top)
    line = {"id": record["id"], **answer.model_dump(exclude={"question"})}
    print(json.dumps(line), flush=False)


def _interactive(answerer: Answerer, council: str, args: argparse.Namespace, stream: TextIO) -> int:
    name = (
        answerer.library.indexes[council].document.info.council_name
        if (council in answerer.library.indexes)
        else council
    )
    tty = stream.isatty()
    if tty:
        print(f"Ask about {name}'s IT and social-media policy. Ctrl-D or 'quit' to leave.")
    while True:
        if tty:
            print("ask> ", end="", flush=True)
        line = stream.readline()
        if not line or line.strip().lower() in {"quit", "exit"}:
            return 0
        if not line.strip():
            continue
        answer = answerer.ask(line.strip(), council, args.top)
        print(answer.model_dump_json() if args.json else render_answer(answer) + "\n", flush=True)


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    answerer = app.answerer(settings, _library(settings))
    questions = list(read_jsonl(args.file))
    predictions = {
        q["id"]: answerer.ask(q["question"], q["council"]).model_dump() for q in questions
    }
    result = score(questions, predictions)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:20s} {value}")
    return 0


def _index(args: argparse.Namespace, settings: Settings) -> int:
    folder = args.dir or settings.policies_dir or bundled_policies()
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder")
    if args.check:
        reports = check_folder(folder)
        for report in reports:
            _print_report(report)
        if not reports:
            print(f"{folder}: no policy files (*.md) found")
        failing: tuple[Level, ...] = ("error", "warning") if args.strict else ("error",)
        bad = not reports or any(r.count(level) for r in reports for level in failing)
        if reports and not any(r.count("error") for r in reports):
            errors, warnings = print_bindings(folder, settings, sys.stdout)
            bad = bad or errors > 0 or (args.strict and warnings > 0)
        return 1 if bad else 0
    started = dt.datetime.now()
    library = Library.load(folder)
    took = (dt.datetime.now() - started).total_seconds() * 1000
    for slug, index in sorted(library.indexes.items()):
        info = index.document.info
        print(f"{slug:12s} {len(index.clauses):4d} clauses  {info.council_name}: {info.title}")
    print(f"indexed in {took:.0f} ms")
    return _prepare(settings, library) if args.prepare else 0


def _prepare(settings: Settings, library: Library) -> int:
    started = dt.datetime.now()
    judge = semantic_judge(library, settings.cache_dir)
    if judge is None:
        print("semantic layer off: the bundled model did not load (answers use words only)")
        return 1
    took = (dt.datetime.now() - started).total_seconds()
    bank = judge.semantics.bank
    print(
        f"semantic layer ready in {took:.1f} s: {len(bank.answered)} bank questions, "
        f"{len(bank.out_of_scope)} out-of-scope examples (cache: "
        f"{settings.cache_dir or default_folder()})"
    )
    return 0


def _print_report(report: Report) -> None:
    errors, warnings = report.count("error"), report.count("warning")
    status = "FAIL" if errors else ("ok, with warnings" if warnings else "ok")
    print(f"{report.path.name}: council {report.council}, {report.clauses} clauses: {status}")
    for finding in report.findings:
        where = f"line {finding.line}: " if finding.line else ""
        print(f"  {finding.level}: {where}{finding.message}")


if __name__ == "__main__":
    raise SystemExit(main())
