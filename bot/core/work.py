"""A bounded backlog of turns, worked through by a few tasks after the ack.

Platforms want an ack at once (Slack: 3 s) but a turn takes milliseconds of answering and
database work. Acking and then starting a task per event let a flood queue up unbounded
work (seen in `python -m bench --part slack`: 500 MB and minutes of backlog). Here an event
is acknowledged once it has a place in the backlog: when the backlog is full, acks wait
(the platform's sign to send less) rather than memory growing. The wait is for a place,
taken before any database work, so a flood queues here and not on the database's lock,
where it would slow the very workers that free places.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[None]]
Put = Callable[[Job], None]


class Work:
    def __init__(self, workers: int = 4, backlog: int = 64) -> None:
        self._workers = workers
        self._backlog = backlog
        self._queue: asyncio.Queue[Job] | None = None
        self._room: asyncio.Semaphore | None = None
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def waiting(self) -> int:
        return self._queue.qsize() if self._queue else 0

    @contextlib.asynccontextmanager
    async def place(self) -> AsyncIterator[Put]:
        """Wait for a place in the backlog; inside, `put` fills it (or it is given back)."""
        queue, room = self._running()
        await room.acquire()
        used = False

        def put(job: Job) -> None:
            nonlocal used
            queue.put_nowait(job)
            used = True

        try:
            yield put
        finally:
            if not used:
                room.release()

    async def drain(self, timeout: float = 10.0) -> None:
        """Finish what was acknowledged (a shutdown must not drop it), then stop."""
        if self._queue is not None:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._queue.join()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        self._queue = self._room = None

    def _running(self) -> tuple[asyncio.Queue[Job], asyncio.Semaphore]:
        # Made on first use, inside the running loop the server serves on.
        if self._queue is None or self._room is None:
            self._queue = asyncio.Queue()
            self._room = asyncio.Semaphore(self._backlog)
            self._tasks = [asyncio.create_task(self._work()) for _ in range(self._workers)]
        return self._queue, self._room

    async def _work(self) -> None:
        queue, room = self._running()
        while True:
            job = await queue.get()
            room.release()  # taken up: its place is free for the next event
            try:
                await job()
            except Exception:  # the job reports its own failures; this keeps the worker
                log.exception("turn failed")
            finally:
                queue.task_done()
