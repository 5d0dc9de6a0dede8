"""Answering and learning, off the event loop and one at a time.

Ranking a question is ~5-10 ms of CPU (the model, the indexes). On the event loop it held
every ack behind it: 50 clients saw ack p99 ~0.6 s. In one worker thread the loop stays free
to acknowledge (the model and numpy release the GIL; Python's switch interval bounds the
rest), and asks and learning never run at once, so a Clerk's new example is never seen
half-added.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from knowledge.answer import Answer, Answerer
from knowledge.models import Clause


@dataclass(slots=True)
class Thinking:
    answerer: Answerer
    _pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="clerkbot-answers")
    )

    async def ask(self, question: str, council: str) -> Answer:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self.answerer.ask, question, council)

    async def learn(self, question: str, clause: Clause) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._pool, self.answerer.learn, question, clause)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
