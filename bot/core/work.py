"""A bounded backlog of turns, worked through by a few tasks after the ack.

Platforms want an ack at once (Slack: 3 s) but a turn takes milliseconds of answering and
database work. Acking and then starting a task per event let a flood queue up unbounded
work (seen in `clerkbot bench --part slack`: 500 MB and minutes of backlog). Here the ack
waits only for a place in the backlog: when it is full, acks slow down (the platform's
sign to send less) rather than memory growing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[None]]


class Work:
    def __init__(self, workers: int = 4, backlog: int = 64) -> None:
        self._workers = workers
        self._backlog = backlog
        self._queue: asyncio.Queue[Job] | None = None
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def waiting(self) -> int:
        return self._queue.qsize() if self._queue else 0

    async def put(self, job: Job) -> None:
        """Queue a turn; waits while the backlog is full."""
        await self._running().put(job)

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
        self._queue = None

    def _running(self) -> asyncio.Queue[Job]:
        # Made on first use, inside the running loop the server serves on.
        if self._queue is None:
            self._queue = asyncio.Queue(self._backlog)
            self._tasks = [asyncio.create_task(self._work()) for _ in range(self._workers)]
        return self._queue

    async def _work(self) -> None:
        queue = self._running()
        while True:
            job = await queue.get()
            try:
                await job()
            except Exception:  # the job reports its own failures; this keeps the worker
                log.exception("turn failed")
            finally:
                queue.task_done()
