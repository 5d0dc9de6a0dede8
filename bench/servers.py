"""The processes the Slack benchmarks measure, each run as `python -m bench.servers ROLE`
so the load generator never shares an event loop with what it measures (they still share
the machine's CPUs): the clerkbot server (the real aiohttp app with Bolt and a core), the
fake Slack Web API that answers its replies (testing.fake_slack, the tests' own), and a
bare aiohttp handler (reads the body, answers 200) as the baseline. Each prints
`listening PORT` once it is ready and serves until SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import resource
import signal
import socket
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from aiohttp import web

from bench import ROOT
from bench.events import COUNCIL, EVENTS_PATH, PEOPLE, SECRET
from testing.fake_slack import TOKEN, FakeSlack

ROLES = ("clerkbot", "fake-slack", "bare")


async def bare_handler(request: web.Request) -> web.Response:
    """The baseline: what aiohttp alone costs for the same request."""
    await request.read()
    return web.Response(text="")


def _usage() -> dict[str, Any]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "tasks": len(asyncio.all_tasks()),
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "max_rss_mib": round(usage.ru_maxrss / 1024, 1),
    }


async def _bare_state(request: web.Request) -> web.Response:
    del request
    return web.json_response(_usage())


def bare_app() -> web.Application:
    app = web.Application(client_max_size=1024**2)
    app.router.add_post(EVENTS_PATH, bare_handler)
    app.router.add_get("/_bench/state", _bare_state)
    return app


async def clerkbot_app(
    api_url: str,
    data_dir: Path,
    database_url: str | None = None,
    database_schema: str | None = None,
) -> tuple[web.Application, Any]:
    """The real server: build_app with the Slack surface, plus a read-only /_bench/state.
    SQLite in `data_dir` unless `database_url` (several replicas on one PostgreSQL)."""
    from bot.app import open_core
    from bot.server import build_app
    from bot.settings import Settings
    from bot.slack.settings import SlackSettings
    from bot.slack.surface import SlackSurface
    from knowledge.judging import SemanticJudge

    people = data_dir / "people.toml"
    people.write_text(PEOPLE, encoding="utf-8")
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        council=COUNCIL,
        data_dir=data_dir,
        people_file=people,
        policies_dir=None,
        database_url=database_url,
        database_schema=database_schema,
    )
    core = await open_core(settings)
    slack = SlackSettings.model_validate(
        {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": api_url}
    )
    surface = SlackSurface.create(core, settings=slack)
    app = build_app(core, [surface])
    semantic = isinstance(core.assistant.answerer.judge, SemanticJudge)

    async def state(request: web.Request) -> web.Response:
        del request
        pending = await core.store.pending_outbox()
        return web.json_response(
            {
                **_usage(),
                "pending_outbox": len(pending),
                "waiting": surface.bot.work.waiting,  # acked turns not yet started
                "semantic": semantic,
            }
        )

    app.router.add_get("/_bench/state", state)
    return app, core


async def _serve(args: argparse.Namespace) -> None:
    core: Any = None
    role = args.role
    if role == "clerkbot":
        app, core = await clerkbot_app(
            args.api_url, args.data_dir, args.database_url, args.database_schema
        )
    else:
        # Only counted, through /_stats: a load's calls are too many to keep.
        app = FakeSlack(keep_calls=False).app() if role == "fake-slack" else bare_app()
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    await web.SockSite(runner, sock, backlog=1024).start()
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print(f"listening {sock.getsockname()[1]}", flush=True)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        if core is not None:
            await core.close()


def child_main(argv: Sequence[str] | None = None) -> int:
    """`python -m bench.servers ROLE`: one process under test, until SIGTERM."""
    parser = argparse.ArgumentParser(prog="python -m bench.servers")
    parser.add_argument("role", choices=ROLES)
    parser.add_argument("--api-url", default="")
    parser.add_argument("--data-dir", type=Path, help="clerkbot: an empty folder for its state")
    parser.add_argument("--database-url", help="clerkbot: a shared database (default: SQLite)")
    parser.add_argument("--database-schema", help="clerkbot: with --database-url, its schema")
    args = parser.parse_args(argv)
    if args.role == "clerkbot" and (args.data_dir is None or not args.api_url):
        parser.error("clerkbot needs --api-url and --data-dir")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    asyncio.run(_serve(args))
    return 0


# -- starting and stopping them ----------------------------------------------------------


@dataclass
class Child:
    role: str
    process: asyncio.subprocess.Process
    log_path: Path
    log_file: IO[bytes]
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_errors(self) -> int:
        """ERROR (and CRITICAL) lines the process logged: failures after the ack show here."""
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return sum(line.startswith(("ERROR", "CRITICAL")) for line in text.splitlines())


def _child_env() -> dict[str, str]:
    # bench and testing are not installed: the child finds them here from any folder.
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, "PYTHONUNBUFFERED": "1"}


async def start_child(role: str, folder: Path, *extra: str) -> Child:
    log_path = folder / f"{role}.log"
    log_file = log_path.open("wb")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.servers",
        role,
        *extra,
        stdout=asyncio.subprocess.PIPE,
        stderr=log_file,
        env=_child_env(),
    )
    child = Child(role, process, log_path, log_file)
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), timeout=120)
    if not line.startswith(b"listening "):
        await stop_child(child)
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise RuntimeError(f"bench {role} server did not start:\n{tail}")
    child.port = int(line.split()[1])
    return child


async def stop_child(child: Child) -> None:
    if child.process.returncode is None:
        child.process.terminate()
        try:
            await asyncio.wait_for(child.process.wait(), timeout=15)
        except TimeoutError:
            child.process.kill()
            await child.process.wait()
    child.log_file.close()


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        raise SystemExit(child_main())
