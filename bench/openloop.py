"""Load for `bench.load`: events at fixed arrival rates (open loop) or from clients that
wait for each ack (closed loop), and a watch on the servers while it runs.

A closed-loop client sends its next event only once the last is acked, so a slow server
slows its own load and hides its queue. In the open loop the send times are drawn first
(Poisson or evenly spaced) and each event goes out at its time however many are still in
flight, and its ack latency runs from the time it was due, so a late generator is charged
to the server rather than hidden (and reported as send lag).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import numpy as np

from bench.events import CLIENT_TIMEOUT_S, Events

ARRIVALS = ("poisson", "even")
#: Fixed seed: the same arrival times on every run.
SEED = 20240601
#: Open loop: enough connections that the client never queues what is due.
MAX_CONNECTIONS = 4096
#: The answer to a DM: one chat.postMessage each (bench.slack's run shows 1.0 per ack).
ANSWER = "chat.postMessage"
#: The servers are idle, the answers are in: stop waiting after this long with no new one.
QUIET_S = 2.0


def arrival_times(
    rate: float, duration: float, arrivals: str = "poisson", seed: int = SEED
) -> list[float]:
    """Send times, in seconds from the start, of events arriving at `rate` per second."""
    if rate <= 0 or duration <= 0:
        raise ValueError(f"rate and duration must be positive (got {rate}, {duration})")
    if arrivals == "even":
        return [k / rate for k in range(int(rate * duration))]
    if arrivals != "poisson":
        raise ValueError(f"arrivals: one of {ARRIVALS}, not {arrivals!r}")
    rng = np.random.default_rng(seed + round(rate * 1000))
    times = np.cumsum(rng.exponential(1 / rate, size=int(rate * duration * 2) + 50))
    while times[-1] < duration:  # vanishingly rare: draw more
        more = np.cumsum(rng.exponential(1 / rate, size=len(times)))
        times = np.concatenate([times, times[-1] + more])
    return [float(t) for t in times[times < duration]]


@dataclass
class Flow:
    """What the load generator sees as it goes."""

    sent: int = 0
    acks_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    lags_ms: list[float] = field(default_factory=list)

    @property
    def acked(self) -> int:
        return len(self.acks_ms)

    @property
    def in_flight(self) -> int:
        return self.sent - self.acked - sum(self.errors.values())


def _session(limit: int) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(limit=limit)
    return aiohttp.ClientSession(
        connector=connector, timeout=aiohttp.ClientTimeout(total=CLIENT_TIMEOUT_S)
    )


async def _send(
    session: aiohttp.ClientSession, url: str, events: Events, due: float, flow: Flow
) -> None:
    body, headers = events.next()
    flow.sent += 1
    try:
        async with session.post(url, data=body, headers=headers) as response:
            await response.read()
            status = response.status
    except (aiohttp.ClientError, TimeoutError) as err:
        flow.errors[type(err).__name__] += 1
        return
    if 200 <= status < 300:
        flow.acks_ms.append((time.perf_counter() - due) * 1000)
    else:
        flow.errors[f"HTTP {status}"] += 1


async def open_loop(
    urls: Sequence[str], events: Events, offsets: Sequence[float], start: float, flow: Flow
) -> None:
    """Send event k at `start + offsets[k]` (perf_counter time) to the URLs round-robin,
    never waiting for an ack; return once every ack (or error) is in."""
    pending: set[asyncio.Task[None]] = set()
    async with _session(MAX_CONNECTIONS) as session:
        for k, offset in enumerate(offsets):
            due = start + offset
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            flow.lags_ms.append(max(0.0, (time.perf_counter() - due) * 1000))
            task = asyncio.create_task(_send(session, urls[k % len(urls)], events, due, flow))
            pending.add(task)
            task.add_done_callback(pending.discard)
        if pending:
            await asyncio.gather(*pending)


async def closed_loop(
    urls: Sequence[str], events: Events, connections: int, start: float, end: float, flow: Flow
) -> None:
    """`connections` clients (client i to URL i mod their number), each sending its next
    event once the last is acked, from `start` until `end`."""
    async with _session(connections) as session:

        async def client(url: str) -> None:
            while (now := time.perf_counter()) < end:
                await _send(session, url, events, now, flow)

        await asyncio.sleep(max(0.0, start - time.perf_counter()))
        await asyncio.gather(*(client(urls[i % len(urls)]) for i in range(connections)))


# -- watching the servers ----------------------------------------------------------------


async def get_json(session: aiohttp.ClientSession, url: str) -> dict[str, Any]:
    async with session.get(url) as response:
        response.raise_for_status()
        found: dict[str, Any] = await response.json()
        return found


async def _no_stats() -> dict[str, Any]:
    return {"calls": {}, "bad_auth": 0}


def machine_jiffies() -> tuple[int, int]:
    """(busy, total) CPU time of the whole machine so far, from /proc/stat; (0, 0) where
    there is none. Other work on the machine shows as busy time the servers did not use."""
    try:
        with Path("/proc/stat").open(encoding="ascii") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = sum(fields[3:5])  # idle, iowait
    return sum(fields) - idle, sum(fields)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The servers (summed over replicas) and the fake Web API at one moment."""

    at: float
    answered: int
    cpu_s: float
    tasks: int
    pending_outbox: int
    waiting: int
    max_rss_mib: float
    semantic: tuple[bool, ...]
    bad_auth: int
    machine: tuple[int, int]

    def machine_cores_busy(self, since: Snapshot, cpus: int) -> float | None:
        """Cores of the whole machine busy (any process) between `since` and now."""
        busy, total = (now - then for now, then in zip(self.machine, since.machine, strict=True))
        return round(busy / total * cpus, 2) if total > 0 else None


async def snapshot(
    session: aiohttp.ClientSession, state_urls: Sequence[str], stats_url: str | None
) -> Snapshot:
    # The fake Web API first: it answers at once, so its count is the count at this moment
    # (a busy server may take a while to report its state).
    fake = get_json(session, stats_url) if stats_url else None
    stats, *states = await asyncio.gather(
        fake or _no_stats(), *(get_json(session, url) for url in state_urls)
    )
    return Snapshot(
        at=time.perf_counter(),
        answered=int(stats["calls"].get(ANSWER, 0)),
        cpu_s=sum(float(s["cpu_s"]) for s in states),
        tasks=sum(int(s["tasks"]) for s in states),
        pending_outbox=sum(int(s.get("pending_outbox", 0)) for s in states),
        waiting=sum(int(s.get("waiting", 0)) for s in states),
        max_rss_mib=max(float(s["max_rss_mib"]) for s in states),
        semantic=tuple(bool(s.get("semantic", False)) for s in states),
        bad_auth=int(stats["bad_auth"]),
        machine=machine_jiffies(),
    )


@dataclass
class Peaks:
    #: Acked DMs not yet answered (acked so far minus answers so far).
    backlog: int = 0
    #: Sent and not yet acked.
    in_flight: int = 0
    #: The servers' own queue of acked turns not yet started (where they keep one).
    waiting: int = 0
    tasks: int = 0


async def watch(
    session: aiohttp.ClientSession,
    state_urls: Sequence[str],
    stats_url: str | None,
    flow: Flow,
    answered_before: int,
    stop: asyncio.Event,
    interval: float = 0.25,
) -> Peaks:
    """Sample until `stop` is set; the highest backlog, in-flight count and queue seen."""
    peaks = Peaks()
    while not stop.is_set():
        snap = await snapshot(session, state_urls, stats_url)
        peaks.in_flight = max(peaks.in_flight, flow.in_flight)
        peaks.waiting = max(peaks.waiting, snap.waiting)
        peaks.tasks = max(peaks.tasks, snap.tasks)
        if stats_url:
            answered = snap.answered - answered_before
            peaks.backlog = max(peaks.backlog, flow.acked - answered)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), interval)
    return peaks


async def drain(
    session: aiohttp.ClientSession,
    state_urls: Sequence[str],
    stats_url: str,
    expected: int,
    idle: Snapshot,
    window_end: Snapshot,
    timeout: float,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[bool, float, Snapshot]:
    """Wait until `expected` answers are in and nothing is queued or pending; or no new
    answer came for QUIET_S and the servers are as idle as they were at `idle` (no more
    tasks). Returns (drained, seconds from the window's end to the last answer, the final
    snapshot)."""
    last, changed = window_end.answered, window_end.at
    deadline = clock() + timeout
    while True:
        snap = await snapshot(session, state_urls, stats_url)
        if snap.answered != last:
            last, changed = snap.answered, snap.at
        empty = snap.pending_outbox == 0 and snap.waiting == 0
        quiet = snap.at - changed >= QUIET_S and snap.tasks <= idle.tasks
        if empty and (snap.answered >= expected or quiet):
            return True, round(max(0.0, changed - window_end.at), 2), snap
        if clock() > deadline:
            return False, round(changed - window_end.at, 2), snap
        await asyncio.sleep(0.1)
