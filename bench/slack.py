"""Benchmark: signed Slack Events API requests against the running clerkbot server.

Four processes (bench.servers): this one drives the load; the clerkbot server (on a
temporary SQLite data dir), the fake Slack Web API that answers the bot's replies, and a
bare aiohttp handler.

Each of `connections` keep-alive connections POSTs a correctly signed `event_callback`
(a DM `message` carrying a policy question; a unique event_id each), waits for the HTTP
response (Slack's ack) and sends the next, for `duration` seconds. Then the same client
does the same against the bare handler, for a ratio. After the clerkbot load it waits for
the work done after the ack (the answers posted to the fake Web API) and the outbox to
drain. This measures; it asserts nothing.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import aiohttp
import numpy as np

from bench.events import (
    CLIENT_TIMEOUT_S,
    COUNCIL,
    EVENTS_PATH,
    SLACK_ACK_LIMIT_MS,
    Events,
    watton_questions,
)
from bench.servers import Child, start_child, stop_child

#: How long to wait for the work after the ack to finish once the load stops.
DRAIN_TIMEOUT_S = 300.0


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
