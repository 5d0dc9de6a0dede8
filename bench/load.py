"""Benchmark: Slack DMs at fixed arrival rates (open loop) and from clients that wait for
each ack (closed loop), against clerkbot on 1..N replicas and a bare aiohttp handler, in
one run. `python -m bench --part load`.

For each replica count this process starts the fake Slack Web API and N clerkbot servers
(the real app; the semantic layer on, as by default, and each server says whether it is),
on SQLite for one replica and on one PostgreSQL database (a fresh schema for each count;
`--database-url` or CLERKBOT_DATABASE_URL) for several, and sends signed DM events
round-robin over them: each rate for `duration` seconds, then the closed loop. Answers are
counted where they arrive, at the fake Web API (one chat.postMessage per DM); after each
load it waits for them to drain. Then the same loads against the bare handler.

Capacity is the most answered DMs per second over any load window: a measured ceiling
("saturated") only when some rate was not kept up with (an event not acked or answered, or
answers still coming more than 1 s, or a tenth of the window, after it ended). Per core:
answered DMs per second of server CPU (the servers' own rusage over the window and the
drain). Every process shares this machine's CPUs, the load generator's included. This
measures; it asserts nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import platform
import time
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import aiohttp
import asyncpg
import numpy as np
from sqlalchemy.engine import make_url

from bench.events import EVENTS_PATH, SLACK_ACK_LIMIT_MS, Events, watton_questions
from bench.load_report import Phase, markdown, report
from bench.openloop import (
    Flow,
    Snapshot,
    arrival_times,
    closed_loop,
    drain,
    open_loop,
    snapshot,
    watch,
)
from bench.requests import postgres_url
from bench.servers import Child, start_child, stop_child

DEFAULT_RATES = (25.0, 50.0, 100.0, 200.0)
DEFAULT_DURATION_S = 10.0
#: A rate is kept up with when every event was acked and answered, the last answer at
#: most this share of the window (and at most 1 s) after the window's end: no backlog grew.
KEPT_UP_DRAIN = 0.1
DRAIN_TIMEOUT_S = 300.0
WARM_UP_PER_REPLICA = 3


@dataclass(frozen=True, slots=True)
class Targets:
    name: str
    replicas: int
    backend: str
    event_urls: tuple[str, ...]
    state_urls: tuple[str, ...]
    #: The fake Web API's counters; None for the bare handler (it answers nobody).
    stats_url: str | None


def _round(value: float, places: int = 1) -> float:
    return round(float(value), places)


def _per(count: float, seconds: float) -> float | None:
    return _round(count / seconds) if seconds > 0 else None


def _kept_up(flow: Flow, answered: int, drained: bool, drain_s: float, duration: float) -> bool:
    everything = flow.acked == flow.sent and answered >= flow.sent and drained
    return everything and drain_s <= max(1.0, KEPT_UP_DRAIN * duration)


async def run_phase(
    session: aiohttp.ClientSession,
    targets: Targets,
    events: Events,
    rate: float | None,
    connections: int,
    duration: float,
    arrivals: str = "poisson",
) -> Phase:
    """Open loop at `rate` events/s, or (rate None) `connections` closed-loop clients."""
    flow, stop = Flow(), asyncio.Event()
    urls, states, stats = targets.event_urls, targets.state_urls, targets.stats_url
    before = await snapshot(session, states, stats)
    watcher = asyncio.create_task(watch(session, states, stats, flow, before.answered, stop))
    start = time.perf_counter() + 0.1
    end = start + duration
    if rate is None:
        sender = asyncio.create_task(closed_loop(urls, events, connections, start, end, flow))
    else:
        offsets = arrival_times(rate, duration, arrivals)
        sender = asyncio.create_task(open_loop(urls, events, offsets, start, flow))
    await asyncio.sleep(max(0.0, end - time.perf_counter()))
    at_end = await snapshot(session, states, stats)
    await sender
    if stats is None:
        drained, drain_s, after = True, 0.0, await snapshot(session, states, stats)
    else:
        # Every event sent: one the client gave up on (a timeout) may still be answered.
        expected = before.answered + flow.sent
        drained, drain_s, after = await drain(
            session, states, stats, expected, before, at_end, DRAIN_TIMEOUT_S
        )
    stop.set()
    peaks = await watcher
    acks = np.array(flow.acks_ms or [0.0])
    p50, p99 = np.percentile(acks, [50, 99])
    cpu = after.cpu_s - before.cpu_s
    mine = stats is not None
    answered, answered_total = at_end.answered - before.answered, after.answered - before.answered
    return Phase(
        target=targets.name,
        replicas=targets.replicas,
        backend=targets.backend,
        load=f"{rate:g}/s" if rate is not None else f"closed {connections}",
        offered_per_s=rate,
        connections=connections if rate is None else None,
        duration_s=duration,
        sent=flow.sent,
        acked=flow.acked,
        errors=sum(flow.errors.values()),
        error_kinds=dict(flow.errors),
        acks_per_s=_round(flow.acked / duration),
        ack_ms_p50=_round(p50, 2),
        ack_ms_p99=_round(p99, 2),
        ack_ms_max=_round(acks.max(), 2),
        acks_over_3s=sum(ms > SLACK_ACK_LIMIT_MS for ms in flow.acks_ms),
        send_lag_ms_p99=_round(np.percentile(flow.lags_ms, 99), 2) if flow.lags_ms else None,
        peak_in_flight=peaks.in_flight,
        server_cpu_s=_round(cpu, 2),
        server_cores_busy=_round((at_end.cpu_s - before.cpu_s) / duration, 2),
        machine_cores_busy=at_end.machine_cores_busy(before, os.cpu_count() or 1),
        acked_per_cpu_s=_per(flow.acked, cpu),
        server_peak_rss_mib=after.max_rss_mib,
        answered=answered if mine else None,
        answered_per_s=_round(answered / duration) if mine else None,
        answered_total=answered_total if mine else None,
        unanswered=flow.sent - answered_total if mine else None,
        kept_up=_kept_up(flow, answered_total, drained, drain_s, duration)
        if mine and rate is not None
        else None,
        drained=drained if mine else None,
        drain_s=drain_s if mine else None,
        peak_backlog=peaks.backlog if mine else None,
        peak_waiting=peaks.waiting if mine else None,
        answered_per_cpu_s=_per(answered_total, cpu) if mine else None,
    )


async def warm_up(session: aiohttp.ClientSession, targets: Targets, events: Events) -> Snapshot:
    """A few events to every server, answered end to end (Bolt's auth.test, the first
    answers) before anything is measured."""
    before = await snapshot(session, targets.state_urls, targets.stats_url)
    for _ in range(WARM_UP_PER_REPLICA):
        for url in targets.event_urls:
            body, headers = events.next()
            async with session.post(url, data=body, headers=headers) as response:
                await response.read()
                if response.status != 200:
                    raise RuntimeError(f"warm-up event to {url}: HTTP {response.status}")
    expected = before.answered + WARM_UP_PER_REPLICA * len(targets.event_urls)
    deadline = time.perf_counter() + 60
    while targets.stats_url is not None:
        now = await snapshot(session, targets.state_urls, targets.stats_url)
        if now.answered >= expected:
            break
        if time.perf_counter() > deadline:
            raise RuntimeError("warm-up events were never answered (see the servers' logs)")
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)
    return await snapshot(session, targets.state_urls, targets.stats_url)


# -- the processes -----------------------------------------------------------------------


@contextlib.asynccontextmanager
async def postgres_schema(url: str) -> AsyncIterator[str]:
    """A fresh schema, dropped afterwards (as bench.requests and the store tests do)."""
    dsn = make_url(url).set(drivername="postgresql").render_as_string(False)
    admin: Any = await asyncpg.connect(dsn, timeout=5)
    schema = f"clerkbot_bench_load_{uuid.uuid4().hex[:10]}"
    await admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield schema
    finally:
        await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.close()


@contextlib.asynccontextmanager
async def clerkbot_fleet(
    folder: Path, replicas: int, database_url: str | None
) -> AsyncIterator[tuple[Child, list[Child]]]:
    """The fake Web API and `replicas` servers on one database (SQLite in one shared data
    folder when `database_url` is None)."""
    async with contextlib.AsyncExitStack() as stack:
        shared: list[str] = []
        if database_url:
            schema = await stack.enter_async_context(postgres_schema(database_url))
            shared = ["--database-url", database_url, "--database-schema", schema]
        data = folder / "data"
        data.mkdir(parents=True)
        fake = await start_child("fake-slack", folder)
        stack.push_async_callback(stop_child, fake)
        flags = ["--api-url", fake.url + "/api/", "--data-dir", str(data), *shared]
        homes = [folder / f"replica-{k + 1}" for k in range(replicas)]
        for home in homes:
            home.mkdir()
        started = await asyncio.gather(
            *(start_child("clerkbot", home, *flags) for home in homes), return_exceptions=True
        )
        servers = [child for child in started if isinstance(child, Child)]
        for child in servers:
            stack.push_async_callback(stop_child, child)
        for failure in started:
            if isinstance(failure, BaseException):
                raise failure
        yield fake, servers


async def bench_clerkbot(
    session: aiohttp.ClientSession,
    folder: Path,
    replicas: int,
    database_url: str | None,
    events: Events,
    loads: Sequence[float | None],
    plan: tuple[int, float, str],
) -> tuple[list[Phase], dict[str, Any]]:
    connections, duration, arrivals = plan
    backend = "postgresql" if database_url else "sqlite"
    async with clerkbot_fleet(folder, replicas, database_url) as (fake, servers):
        targets = Targets(
            "clerkbot",
            replicas,
            backend,
            tuple(s.url + EVENTS_PATH for s in servers),
            tuple(s.url + "/_bench/state" for s in servers),
            fake.url + "/_stats",
        )
        warm = await warm_up(session, targets, events)
        phases = [
            await run_phase(session, targets, events, r, connections, duration, arrivals)
            for r in loads
        ]
        last = await snapshot(session, targets.state_urls, targets.stats_url)
        health = {
            "replicas": replicas,
            "semantic": list(warm.semantic),
            "server_log_errors": sum(s.log_errors() for s in servers),
            "fake_api_bad_auth": last.bad_auth,
        }
    return phases, health


async def bench_bare(
    session: aiohttp.ClientSession,
    folder: Path,
    events: Events,
    loads: Sequence[float | None],
    plan: tuple[int, float, str],
) -> list[Phase]:
    connections, duration, arrivals = plan
    bare = await start_child("bare", folder)
    try:
        targets = Targets(
            "bare", 1, "-", (bare.url + EVENTS_PATH,), (bare.url + "/_bench/state",), None
        )
        await warm_up(session, targets, events)
        return [
            await run_phase(session, targets, events, r, connections, duration, arrivals)
            for r in loads
        ]
    finally:
        await stop_child(bare)


# -- the run and its report --------------------------------------------------------------


def load_backend(backend: str, replicas: Sequence[int]) -> str:
    """ "auto": SQLite for one replica (its own file), PostgreSQL for several (shared)."""
    if backend != "auto":
        return backend
    return "sqlite" if list(replicas) == [1] else "postgresql"


def _load_average() -> list[float] | None:
    """The machine's 1, 5 and 15 minute load averages: other work shares these CPUs."""
    with contextlib.suppress(OSError, AttributeError):
        return [round(v, 2) for v in os.getloadavg()]
    return None


async def run_load(
    questions: Path,
    out: Path,
    rates: Sequence[float] = DEFAULT_RATES,
    duration: float = DEFAULT_DURATION_S,
    replicas: Sequence[int] = (1,),
    backend: str = "auto",
    database_url: str | None = None,
    connections: int = 50,
    arrivals: str = "poisson",
    write: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Every replica count at every rate (then `connections` closed-loop clients, unless
    0), then the bare handler at the same loads; print the tables and write the JSON.
    PostgreSQL (`database_url`) for several replicas, unless `backend` says otherwise."""
    backend = load_backend(backend, replicas)
    shared_url = postgres_url(database_url) if backend == "postgresql" else None
    loads: list[float | None] = [*rates, *([None] if connections else [])]
    plan = (connections, duration, arrivals)
    events = Events(watton_questions(questions))
    load_before = _load_average()
    started = time.perf_counter()
    phases: list[Phase] = []
    health: list[dict[str, Any]] = []
    with TemporaryDirectory(prefix="clerkbot-bench-load-") as tmp:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
            for n in replicas:
                folder = Path(tmp) / f"replicas-{n}"
                found, healthy = await bench_clerkbot(
                    session, folder, n, shared_url, events, loads, plan
                )
                phases += found
                health.append(healthy)
            phases += await bench_bare(session, Path(tmp), events, loads, plan)
    setup = {
        "backend": backend,
        "arrivals": arrivals,
        "duration_s": duration,
        "rates": list(rates),
        "replicas": list(replicas),
        "closed_loop_connections": connections,
        "cpus": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": _load_average(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "wall_s": round(time.perf_counter() - started, 1),
    }
    result = report(phases, health, setup)
    write(markdown(result))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result
