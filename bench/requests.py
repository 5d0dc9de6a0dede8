"""Benchmark: complete request -> decision cycles per second, on SQLite and PostgreSQL.

One cycle is what a council sees: a software request filed, the Clerk's approval (the
compare-and-set, the audit entries, the register), and both notifications delivered from
the outbox. Runs `concurrency` cycles at a time. PostgreSQL is the database at
`postgres_url` (`--database-url`, or CLERKBOT_DATABASE_URL), in a fresh schema dropped
afterwards. This measures; it asserts nothing.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from bench.measure import latency, peak_rss_mib
from bot.core.assistant import Assistant
from bot.core.outbox import Dispatcher
from bot.messages import Reply
from knowledge.answer import Answerer
from knowledge.library import Library
from workflows.catalogue import Catalogue
from workflows.desk import Desk, Done, Refused
from workflows.people import Directory
from workflows.software import SOFTWARE
from workflows.store import OutboxItem, Store, utc_now

BACKENDS = ("sqlite", "postgresql")
#: Where the benchmarks take PostgreSQL from when --database-url is not given: the
#: product's own setting (bot.settings.Settings.database_url).
DATABASE_ENV = "CLERKBOT_DATABASE_URL"

_FORM = {
    "name": "Zoom",
    "version": "6.2",
    "purpose": "Remote committee meetings",
    "devices": "Office laptop",
    "cost": "Free",
    "personal_data": False,
}


@dataclass(frozen=True, slots=True)
class CycleResult:
    backend: str
    cycles: int
    concurrency: int
    wall_s: float
    cycles_per_s: float
    cycle_ms_p50: float
    cycle_ms_p99: float
    peak_rss_mib: float


def postgres_url(url: str | None) -> str:
    """`url`, checked to be PostgreSQL; a clear error when it is missing or not."""
    if not url:
        raise ValueError(
            f"PostgreSQL is not configured: pass --database-url or set {DATABASE_ENV} "
            "(e.g. postgresql://postgres@127.0.0.1:5432/test), or --backend sqlite"
        )
    if make_url(url).get_backend_name() not in ("postgresql", "postgres"):
        raise ValueError(f"the benchmarks' PostgreSQL URL is not PostgreSQL: {url!r}")
    return url


async def _noop_send(item: OutboxItem, reply: Reply) -> None:
    del item, reply


async def _cycles(store: Store, backend: str, cycles: int, concurrency: int) -> CycleResult:
    library = Library.load()
    people = Directory.load()
    desk = Desk(store, people, Catalogue(), utc_now)
    assistant = Assistant(Answerer(library), library, desk, store, "watton", utc_now)
    dispatcher = Dispatcher(store, assistant, _noop_send, utc_now)
    staff, clerk = people.get("staff"), people.get("clerk")
    assert staff is not None and clerk is not None
    gate = asyncio.Semaphore(concurrency)
    samples: list[float] = []

    async def one() -> None:
        async with gate:
            started = time.perf_counter()
            filed = await desk.submit(SOFTWARE, staff, "watton", dict(_FORM))
            assert not isinstance(filed, Refused), filed
            decided = await desk.decide(filed.id, "approve", clerk)
            assert isinstance(decided, Done)
            await dispatcher.run_once()
            samples.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(cycles)))
    wall = time.perf_counter() - started
    await dispatcher.run_once()
    lat = latency(samples)
    return CycleResult(
        backend,
        cycles,
        concurrency,
        round(wall, 3),
        round(cycles / wall, 1),
        lat.p50_ms,
        lat.p99_ms,
        peak_rss_mib(),
    )


async def bench_sqlite(cycles: int, concurrency: int) -> CycleResult:
    with TemporaryDirectory() as folder:
        store = await Store.open(f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}")
        try:
            return await _cycles(store, "sqlite", cycles, concurrency)
        finally:
            await store.close()


async def bench_postgres(url: str, cycles: int, concurrency: int) -> CycleResult:
    dsn = make_url(url).set(drivername="postgresql").render_as_string(False)
    admin: Any = await asyncpg.connect(dsn, timeout=5)
    schema = f"clerkbot_bench_{uuid.uuid4().hex[:10]}"
    await admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        store = await Store.open(url, schema=schema)
        try:
            return await _cycles(store, "postgresql", cycles, concurrency)
        finally:
            await store.close()
    finally:
        await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.close()


async def run_requests(
    database_url: str | None,
    cycles: int = 500,
    concurrency: int = 10,
    backends: Sequence[str] = BACKENDS,
) -> list[dict[str, object]]:
    """`backends` in turn; PostgreSQL at `database_url`, which it then needs."""
    url = postgres_url(database_url) if "postgresql" in backends else ""
    results = []
    if "sqlite" in backends:
        results.append(await bench_sqlite(cycles, concurrency))
    if "postgresql" in backends:
        results.append(await bench_postgres(url, cycles, concurrency))
    heads = ("cycles", "conc", "cycles/s", "p50 ms", "p99 ms", "RSS MiB")
    print(f"{'backend':<12}" + "".join(f"{h:>10}" for h in heads))
    for r in results:
        print(
            f"{r.backend:<12}{r.cycles:>10}{r.concurrency:>10}{r.cycles_per_s:>10}"
            f"{r.cycle_ms_p50:>10}{r.cycle_ms_p99:>10}{r.peak_rss_mib:>10}"
        )
    return [asdict(r) for r in results]
