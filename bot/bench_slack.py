"""Benchmark: signed Slack Events API requests against the running clerkbot server.

Four processes, so the load generator never shares an event loop with what it measures:
this one drives the load; the clerkbot server (the real aiohttp app with Bolt and a core on
a temporary SQLite data dir), a minimal fake Slack Web API that answers the bot's replies,
and a bare aiohttp handler (reads the body, answers 200) each run as
`python -m bot.bench_slack ROLE`. They still share the machine's CPUs.

Each of `connections` keep-alive connections POSTs a correctly signed `event_callback`
(a DM `message` carrying a policy question; a unique event_id each), waits for the HTTP
response (Slack's ack) and sends the next, for `duration` seconds. Then the same client
does the same against the bare handler, for a ratio. After the clerkbot load it waits for
the work done after the ack (the answers posted to the fake Web API) and the outbox to
drain. This measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import logging
import os
import platform
import resource
import signal
import socket
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import IO, Any

import aiohttp
import numpy as np
from aiohttp import web
from slack_sdk.signature import SignatureVerifier

from bot.jsonl import read_jsonl

SECRET = "bench-signing-secret-0123456789ab"
TOKEN = "xoxb-bench-token"
COUNCIL = "watton"
EVENTS_PATH = "/slack/events"
#: Slack retries an event that is not acknowledged within this many milliseconds.
SLACK_ACK_LIMIT_MS = 3000.0
#: A request that takes longer than this is counted as an error (TimeoutError).
CLIENT_TIMEOUT_S = 30.0
#: How long to wait for the work after the ack to finish once the load stops.
DRAIN_TIMEOUT_S = 300.0
#: The people the DMs come from (a roles file mapping their Slack ids).
USERS = ("UBSTAFF1", "UBSTAFF2", "UBCLLR1", "UBCLERK", "UBDEPUTY")
_PEOPLE = """
[[person]]
id = "staff1"
name = "Sam Staff"
role = "staff"
slack_id = "UBSTAFF1"

[[person]]
id = "staff2"
name = "Pat Staff"
role = "staff"
slack_id = "UBSTAFF2"

[[person]]
id = "councillor"
name = "Chris Councillor"
role = "councillor"
slack_id = "UBCLLR1"

[[person]]
id = "clerk"
name = "Jane Clerk"
role = "clerk"
slack_id = "UBCLERK"

[[person]]
id = "deputy"
name = "Dev Deputy"
role = "deputy"
slack_id = "UBDEPUTY"
"""
#: Used when the question file is missing (a checkout without ../shared).
FALLBACK_QUESTIONS = (
    "can I plug my phone into the office PC to charge it?",
    "think my pc has got a virus, what should i do with it?",
    "am I allowed to install zoom on my work laptop?",
)

log = logging.getLogger("clerkbot.bench_slack")


# -- the processes under test ------------------------------------------------------------


@dataclass
class FakeSlackApi:
    """Slack's Web API, as little as the bot needs: counts calls, answers ok."""

    calls: Counter[str] = field(default_factory=Counter)
    bad_auth: int = 0
    _ts: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self.api)
        app.router.add_get("/_stats", self.stats)
        return app

    async def api(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            self.bad_auth += 1
            return web.json_response({"ok": False, "error": "invalid_auth"})
        method = request.match_info["method"]
        self.calls[method] += 1
        args = await _api_args(request)
        return web.json_response({"ok": True, **self._result(method, args)})

    def _result(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        ts = f"1700000000.{next(self._ts):06d}"
        channel = str(args.get("channel", ""))
        if method == "auth.test":
            return {"user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1", "user": "clerkbot"}
        if method in ("chat.postMessage", "chat.update"):
            dm = "D" + channel[1:] if channel.startswith("U") else channel
            return {"channel": dm, "ts": args.get("ts") or ts}
        if method == "chat.postEphemeral":
            return {"message_ts": ts}
        if method in ("views.publish", "views.open"):
            return {"view": {"id": "V1"}}
        return {}

    async def stats(self, request: web.Request) -> web.Response:
        del request
        return web.json_response({"calls": dict(self.calls), "bad_auth": self.bad_auth})


async def _api_args(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        found = await request.json()
        return found if isinstance(found, dict) else {}
    form = await request.post()
    return {key: str(value) for key, value in form.items()}


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
    people.write_text(_PEOPLE, encoding="utf-8")
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
        app = FakeSlackApi().app() if role == "fake-slack" else bare_app()
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
    """`python -m bot.bench_slack ROLE`: one process under test, until SIGTERM."""
    parser = argparse.ArgumentParser(prog="python -m bot.bench_slack")
    parser.add_argument("role", choices=["clerkbot", "fake-slack", "bare"])
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


async def start_child(role: str, folder: Path, *extra: str) -> Child:
    log_path = folder / f"{role}.log"
    log_file = log_path.open("wb")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.bench_slack",
        role,
        *extra,
        stdout=asyncio.subprocess.PIPE,
        stderr=log_file,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
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


# -- the load ----------------------------------------------------------------------------


class Events:
    """Signed Events API bodies: DMs from USERS asking `questions`, round-robin."""

    def __init__(self, questions: Sequence[str]) -> None:
        self.questions = questions
        self.signer = SignatureVerifier(SECRET)
        self.sent = 0
        self.run = f"{int(time.time()):x}"

    def next(self) -> tuple[bytes, dict[str, str]]:
        n, self.sent = self.sent, self.sent + 1
        body = event_body(f"Ev{self.run}{n:08d}", USERS[n % len(USERS)], self.question(n), n)
        stamp = str(int(time.time()))
        signature = self.signer.generate_signature(timestamp=stamp, body=body) or ""
        headers = {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature,
        }
        return body.encode("utf-8"), headers

    def question(self, n: int) -> str:
        return self.questions[n % len(self.questions)]


def event_body(event_id: str, user: str, text: str, n: int) -> str:
    now = time.time()
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": "D" + user[1:],
        "user": user,
        "text": text,
        "ts": f"{now:.6f}",
        "event_ts": f"{now:.6f}",
    }
    return json.dumps(
        {
            "token": "bench",
            "team_id": "T1",
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(now),
            "event": event,
            "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}],
            "event_context": f"ctx-{n}",
        }
    )


@dataclass
class Tally:
    acks_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)


async def _worker(
    session: aiohttp.ClientSession, url: str, events: Events, deadline: float, tally: Tally
) -> None:
    while time.perf_counter() < deadline:
        body, headers = events.next()
        started = time.perf_counter()
        try:
            async with session.post(url, data=body, headers=headers) as response:
                await response.read()
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as err:
            tally.errors[type(err).__name__] += 1
            continue
        if 200 <= status < 300:
            tally.acks_ms.append((time.perf_counter() - started) * 1000)
        else:
            tally.errors[f"HTTP {status}"] += 1


@dataclass(frozen=True, slots=True)
class LoadResult:
    target: str
    connections: int
    duration_s: float
    wall_s: float
    requests: int
    errors: int
    error_kinds: dict[str, int]
    requests_per_s: float
    ack_ms_p50: float
    ack_ms_p95: float
    ack_ms_p99: float
    ack_ms_max: float
    acks_over_3s: int
    share_over_3s: float


async def drive(
    target: str, url: str, events: Events, connections: int, duration: float
) -> LoadResult:
    """`connections` clients, each sending its next request as soon as the last is acked."""
    tally = Tally()
    connector = aiohttp.TCPConnector(limit=connections)
    timeout = aiohttp.ClientTimeout(total=CLIENT_TIMEOUT_S)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        started = time.perf_counter()
        deadline = started + duration
        await asyncio.gather(
            *(_worker(session, url, events, deadline, tally) for _ in range(connections))
        )
        wall = time.perf_counter() - started
    return summarise(target, tally, connections, duration, wall)


def summarise(
    target: str, tally: Tally, connections: int, duration: float, wall: float
) -> LoadResult:
    acks = np.array(tally.acks_ms or [0.0])
    p50, p95, p99 = (round(float(p), 2) for p in np.percentile(acks, [50, 95, 99]))
    over = sum(ms > SLACK_ACK_LIMIT_MS for ms in tally.acks_ms)
    return LoadResult(
        target=target,
        connections=connections,
        duration_s=duration,
        wall_s=round(wall, 3),
        requests=len(tally.acks_ms),
        errors=sum(tally.errors.values()),
        error_kinds=dict(tally.errors),
        requests_per_s=round(len(tally.acks_ms) / wall, 1),
        ack_ms_p50=p50,
        ack_ms_p95=p95,
        ack_ms_p99=p99,
        ack_ms_max=round(float(acks.max()), 2),
        acks_over_3s=over,
        share_over_3s=round(over / max(len(tally.acks_ms), 1), 6),
    )


# -- after the ack -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AfterAck:
    """The work the server did after acking: the replies the fake Web API received."""

    replies: int
    replies_by_method: dict[str, int]
    replies_per_ack: float
    drained: bool
    drain_s: float
    pending_outbox: int
    server_cpu_s_during_load: float
    server_cpu_s_to_drain: float
    server_max_rss_mib: float
    server_log_errors: int
    fake_api_bad_auth: int


_REPLY_METHODS = ("chat.postMessage", "chat.postEphemeral", "chat.update", "views.publish")


async def _get(session: aiohttp.ClientSession, url: str) -> dict[str, Any]:
    async with session.get(url) as response:
        response.raise_for_status()
        found: dict[str, Any] = await response.json()
        return found


def _replies(stats: dict[str, Any], since: dict[str, Any]) -> dict[str, int]:
    now, before = stats["calls"], since["calls"]
    return {m: now.get(m, 0) - before.get(m, 0) for m in _REPLY_METHODS if now.get(m, 0)}


async def _until_idle(
    session: aiohttp.ClientSession, server: str, fake: str, idle_tasks: int
) -> tuple[bool, dict[str, Any], dict[str, Any]]:
    """Wait until no reply is still being worked on: the server is back to its idle task
    count, nothing is pending in the outbox, and the fake API saw no new call for 1 s."""
    deadline = time.perf_counter() + DRAIN_TIMEOUT_S
    last: dict[str, Any] = {}
    quiet_since = time.perf_counter()
    while True:
        state, stats = await _get(session, server), await _get(session, fake)
        if stats != last:
            last, quiet_since = stats, time.perf_counter()
        idle = state["tasks"] <= idle_tasks and state["pending_outbox"] == 0
        if idle and time.perf_counter() - quiet_since >= 1.0:
            return True, state, stats
        if time.perf_counter() > deadline:
            return False, state, stats
        await asyncio.sleep(0.2)


# -- the run -----------------------------------------------------------------------------


def watton_questions(path: Path) -> list[str]:
    if not path.is_file():
        return list(FALLBACK_QUESTIONS)
    found = [r["question"] for r in read_jsonl(path) if r.get("council") == COUNCIL]
    if not found:
        raise ValueError(f"{path}: no {COUNCIL} questions")
    return found


async def _warm_up(
    session: aiohttp.ClientSession, server: Child, fake: Child, events: Events
) -> tuple[int, dict[str, Any], dict[str, Any]]:
    """One event answered end to end (Bolt's auth.test, first answer), then the idle
    task count and the fake API's baseline."""
    before = await _get(session, fake.url + "/_stats")
    body, headers = events.next()
    async with session.post(server.url + EVENTS_PATH, data=body, headers=headers) as response:
        await response.read()
        if response.status != 200:
            raise RuntimeError(f"warm-up event: HTTP {response.status}")
    deadline = time.perf_counter() + 60
    while not _replies(await _get(session, fake.url + "/_stats"), before):
        if time.perf_counter() > deadline:
            raise RuntimeError(f"warm-up event was never answered; see {server.log_path}")
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.0)
    state = await _get(session, server.url + "/_bench/state")
    return int(state["tasks"]), state, await _get(session, fake.url + "/_stats")


async def bench_clerkbot(
    folder: Path, events: Events, connections: int, duration: float
) -> tuple[LoadResult, AfterAck]:
    fake = await start_child("fake-slack", folder)
    server: Child | None = None
    try:
        data = folder / "data"
        data.mkdir()
        server = await start_child(
            "clerkbot", folder, "--api-url", fake.url + "/api/", "--data-dir", str(data)
        )
        return await _measure_clerkbot(server, fake, events, connections, duration)
    finally:
        if server is not None:
            await stop_child(server)
        await stop_child(fake)


async def _measure_clerkbot(
    server: Child, fake: Child, events: Events, connections: int, duration: float
) -> tuple[LoadResult, AfterAck]:
    async with aiohttp.ClientSession() as session:
        idle_tasks, before, baseline = await _warm_up(session, server, fake, events)
        load = await drive("clerkbot", server.url + EVENTS_PATH, events, connections, duration)
        ended = time.perf_counter()
        loaded = await _get(session, server.url + "/_bench/state")
        drained, state, stats = await _until_idle(
            session, server.url + "/_bench/state", fake.url + "/_stats", idle_tasks
        )
        drain_s = time.perf_counter() - ended
    replies = _replies(stats, baseline)
    after = AfterAck(
        replies=sum(replies.values()),
        replies_by_method=replies,
        replies_per_ack=round(sum(replies.values()) / max(load.requests, 1), 3),
        drained=drained,
        drain_s=round(drain_s, 2),
        pending_outbox=int(state["pending_outbox"]),
        server_cpu_s_during_load=round(loaded["cpu_s"] - before["cpu_s"], 2),
        server_cpu_s_to_drain=round(state["cpu_s"] - before["cpu_s"], 2),
        server_max_rss_mib=float(state["max_rss_mib"]),
        server_log_errors=server.log_errors(),
        fake_api_bad_auth=int(stats["bad_auth"]),
    )
    return load, after


async def bench_bare(folder: Path, events: Events, connections: int, duration: float) -> LoadResult:
    bare = await start_child("bare", folder)
    try:
        return await drive("bare aiohttp", bare.url + EVENTS_PATH, events, connections, duration)
    finally:
        await stop_child(bare)


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def report(clerkbot: LoadResult, bare: LoadResult, after: AfterAck) -> dict[str, Any]:
    return {
        "setup": {
            "in_process": False,
            "processes": "load generator, clerkbot server, fake Slack Web API, bare server",
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "council": COUNCIL,
            "note": "all processes share this machine's CPUs; the bare figure is also the "
            "load generator's own ceiling",
        },
        "clerkbot": asdict(clerkbot),
        "bare": asdict(bare),
        "ratio_clerkbot_over_bare": {
            "requests_per_s": _ratio(clerkbot.requests_per_s, bare.requests_per_s),
            "ack_ms_p50": _ratio(clerkbot.ack_ms_p50, bare.ack_ms_p50),
            "ack_ms_p99": _ratio(clerkbot.ack_ms_p99, bare.ack_ms_p99),
        },
        "after_ack": asdict(after),
    }


def print_table(result: dict[str, Any], write: Callable[[str], None] = print) -> None:
    heads = ("req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", ">3s")
    keys = ("requests_per_s", "ack_ms_p50", "ack_ms_p95", "ack_ms_p99", "ack_ms_max", "errors")
    write(f"{'target':<14}" + "".join(f"{h:>10}" for h in heads))
    for name in ("clerkbot", "bare"):
        row = result[name]
        cells = [row[k] for k in keys] + [f"{row['share_over_3s']:.2%}"]
        write(f"{row['target']:<14}" + "".join(f"{c:>10}" for c in cells))
    ratio = result["ratio_clerkbot_over_bare"]
    write(
        f"{'ratio':<14}{ratio['requests_per_s']:>10}{ratio['ack_ms_p50']:>10}"
        f"{'':>10}{ratio['ack_ms_p99']:>10}   (clerkbot / bare)"
    )
    after = result["after_ack"]
    write(
        f"after the ack: {after['replies']} replies {after['replies_by_method']} "
        f"({after['replies_per_ack']} per ack); drained: {after['drained']} in "
        f"{after['drain_s']} s; outbox pending: {after['pending_outbox']}; "
        f"server errors logged: {after['server_log_errors']}"
    )
    write(
        f"server CPU: {after['server_cpu_s_during_load']} s during the load, "
        f"{after['server_cpu_s_to_drain']} s to drain; peak RSS {after['server_max_rss_mib']} "
        f"MiB; {result['setup']['cpus']} CPUs shared by all processes (not in-process)"
    )


async def run_slack(
    questions: Path, out: Path, duration: float = 20.0, connections: int = 50
) -> dict[str, Any]:
    events = Events(watton_questions(questions))
    with TemporaryDirectory(prefix="clerkbot-bench-slack-") as tmp:
        folder = Path(tmp)
        clerkbot, after = await bench_clerkbot(folder, events, connections, duration)
        bare = await bench_bare(folder, events, connections, duration)
    result = report(clerkbot, bare, after)
    print_table(result)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        raise SystemExit(child_main())
