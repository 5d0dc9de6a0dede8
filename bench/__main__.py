"""Measure clerkbot's latency and scale: `python -m bench` from the repository root.

--part all (`make bench`) runs ask, requests and slack; load runs only on its own. Each
part writes its JSON beside --out: bench-results/ask.json, requests.json, slack.json,
load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from bench import ROOT
from bench.ask import run
from bench.load import load_backend, run_load
from bench.requests import DATABASE_ENV, postgres_url, run_requests
from bench.slack import run_slack
from bot.settings import Settings

#: In the repository, so a checkout runs as it is; `make bench` names the set the
#: published figures were measured on.
DEFAULT_QUESTIONS = ROOT / "tests" / "eval" / "holdout.jsonl"
_REQUESTS_BACKENDS = {"auto": ("sqlite", "postgresql"), "sqlite": ("sqlite",)}


def parser() -> argparse.ArgumentParser:
    bench = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    bench.add_argument(
        "--questions",
        type=Path,
        default=DEFAULT_QUESTIONS,
        help="JSONL of {id, council, question} (default: tests/eval/holdout.jsonl)",
    )
    bench.add_argument("--out", type=Path, default=Path("bench-results/ask.json"))
    bench.add_argument("--councils", type=int, nargs="*", default=[100, 1000])
    bench.add_argument("--part", choices=["ask", "requests", "slack", "load", "all"], default="all")
    bench.add_argument("--cycles", type=int, default=500, help="request->decision cycles")
    bench.add_argument("--concurrency", type=int, default=10)
    bench.add_argument(
        "--duration", type=float, help="slack, load: seconds of each load (default 20, 10)"
    )
    bench.add_argument(
        "--connections",
        type=int,
        default=50,
        help="slack, load: closed-loop clients (load: 0 skips the closed loop)",
    )
    bench.add_argument(
        "--rates", type=float, nargs="+", default=[25, 50, 100, 200], help="load: events/s"
    )
    bench.add_argument(
        "--replicas", type=int, nargs="+", default=[1], help="load: server counts, e.g. 1 2 3"
    )
    bench.add_argument(
        "--backend",
        choices=["auto", "sqlite", "postgresql"],
        default="auto",
        help="requests: auto is SQLite and PostgreSQL; load: auto is SQLite for one replica, "
        "else PostgreSQL",
    )
    bench.add_argument(
        "--database-url",
        help=f"requests, load: the PostgreSQL to measure on (default: {DATABASE_ENV})",
    )
    bench.add_argument("--arrivals", choices=["poisson", "even"], default="poisson")
    return bench


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return _run(args)
    except (FileNotFoundError, ValueError) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2


def _needs_postgres(args: argparse.Namespace) -> bool:
    if args.part in ("requests", "all"):
        return bool(args.backend != "sqlite")
    return args.part == "load" and load_backend(args.backend, args.replicas) == "postgresql"


def _run(args: argparse.Namespace) -> int:
    database_url = args.database_url or Settings().database_url
    # Checked first: `all` runs minutes of the ask part before it would need them.
    if _needs_postgres(args):
        database_url = postgres_url(database_url)
    if args.part != "requests" and not args.questions.is_file():
        raise FileNotFoundError(f"no question file {args.questions} (see --questions)")
    if args.part in ("ask", "all"):
        run(args.questions, args.out, tuple(args.councils))
    if args.part in ("requests", "all"):
        backends = _REQUESTS_BACKENDS.get(args.backend, ("postgresql",))
        cycles = asyncio.run(
            run_requests(database_url, args.cycles, args.concurrency, backends=backends)
        )
        out = args.out.with_name("requests.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(cycles, indent=2) + "\n", encoding="utf-8")
    if args.part in ("slack", "all"):
        out = args.out.with_name("slack.json")
        asyncio.run(run_slack(args.questions, out, args.duration or 20, args.connections))
    if args.part == "load":  # not in "all": about 3 minutes by default
        asyncio.run(
            run_load(
                args.questions,
                args.out.with_name("load.json"),
                rates=args.rates,
                duration=args.duration or 10,
                replicas=args.replicas,
                backend=args.backend,
                database_url=database_url,
                connections=args.connections,
                arrivals=args.arrivals,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
