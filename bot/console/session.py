"""`clerkbot chat`: the terminal loop around Chat, on stdin and stdout (a pipe works too)."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.app import open_core
from bot.console.chat import Chat
from bot.settings import Settings
from workflows.store import Clock, utc_now


async def run_chat(
    settings: Settings, as_name: str, stdin: TextIO, stdout: TextIO, clock: Clock = utc_now
) -> int:
    core = await open_core(settings, clock)
    try:
        person = core.people.find(as_name)
        if person is None:
            print(f"clerkbot: no one called {as_name!r} in the roles file", file=sys.stderr)
            return 2
        chat = Chat(core.assistant, core.store, person, clock)
        return await _loop(chat, core.settings, stdin, stdout)
    finally:
        await core.close()


async def _loop(chat: Chat, settings: Settings, stdin: TextIO, stdout: TextIO) -> int:
    tty = stdin.isatty()
    council = chat.assistant.library.indexes[settings.council]
    _say(
        stdout,
        [
            f"clerkbot for {council.document.info.council_name}. You are {chat.person.name} "
            f"({chat.person.role.value}). Type help; /as clerk switches person; /quit leaves.",
            *await chat.notifications(),
        ],
    )
    while True:
        if tty:
            stdout.write(f"{chat.person.id}> ")
            stdout.flush()
        line = await asyncio.to_thread(stdin.readline)
        if not line or line.strip() in ("/quit", "/exit"):
            return 0
        if not line.strip():
            continue
        if not tty:
            _say(stdout, [f"{chat.person.id}> {line.rstrip()}"])
        _say(stdout, await chat.push(line))


def _say(stdout: TextIO, lines: list[str]) -> None:
    for line in lines:
        stdout.write(line + "\n\n")
    stdout.flush()
