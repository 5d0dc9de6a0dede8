"""Turns: one at a time per conversation, in arrival order, and nothing kept when idle."""

from __future__ import annotations

import asyncio
import gc

from bot.core.turns import Turns


async def test_turns_in_one_conversation_run_one_at_a_time_in_order() -> None:
    turns = Turns()
    seen: list[str] = []

    async def work(name: str, pause: float) -> None:
        async with turns("slack:dm:U1"):
            seen.append(f"{name} in")
            await asyncio.sleep(pause)
            seen.append(f"{name} out")

    await asyncio.gather(work("first", 0.05), work("second", 0.0), work("third", 0.0))
    assert seen == ["first in", "first out", "second in", "second out", "third in", "third out"]


async def test_other_conversations_are_not_held_up() -> None:
    turns = Turns()
    async with turns("a"):
        other = turns("b")
        await asyncio.wait_for(other.acquire(), 0.1)
        other.release()


async def test_idle_conversations_keep_no_lock() -> None:
    turns = Turns()
    for n in range(100):
        async with turns(f"conversation {n}"):
            pass
    gc.collect()
    assert len(turns) == 0
