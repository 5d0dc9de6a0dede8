"""The terminal chat: the way a newcomer tries clerkbot, and the way tests drive it.

Like errbot's test backend: `push` a line in, read the lines that come back. `/as NAME`
switches person; buttons are numbered and pressed by number or label; notifications for
the person at the keyboard are shown as they arrive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.console.render import render_reply
from bot.core.assistant import Assistant
from bot.core.outbox import Dispatcher
from bot.core.ports import OutboxStore
from bot.messages import ActionEvent, Button, IncomingMessage, Reply, User
from workflows.events import CLERK_CHANNEL, to_user
from workflows.people import Directory, Person
from workflows.store import Clock, OutboxItem, utc_now

_BELL = "\U0001f514 "


def console_user(person: Person) -> User:
    return User(id=person.id, name=person.name, role=person.role, platform="console")


@dataclass(slots=True)
class Chat:
    assistant: Assistant
    #: Where the console's notifications wait (the core's store).
    outbox: OutboxStore
    person: Person
    clock: Clock = utc_now
    #: The buttons on screen, numbered from 1 across the last batch of replies.
    buttons: list[Button] = field(default_factory=list)
    _inbox: list[str] = field(default_factory=list)

    @property
    def conversation(self) -> str:
        return f"console:{self.person.id}"

    async def push(self, line: str) -> list[str]:
        """One input line in; what the terminal shows out."""
        text = line.strip()
        if text.startswith("/"):
            return await self._slash(text)
        button = self._button(text)
        user = console_user(self.person)
        assistant = self.assistant
        if button is not None:
            event = ActionEvent(
                user=user, action=button.action, value=button.value, conversation=self.conversation
            )
            replies = await assistant.press(event)
        else:
            message = IncomingMessage(user=user, text=line, conversation=self.conversation)
            replies = await assistant.handle(message)
        shown = self._show(replies)
        await assistant.delivered(self.conversation)
        return shown + await self.notifications()

    async def notifications(self) -> list[str]:
        """Fire due reminders, then deliver what is waiting for the person at the keyboard."""
        await self.assistant.desk.fire_reminders()
        self._inbox.clear()
        dispatcher = Dispatcher(self.outbox, self.assistant, self.deliver, self.clock)
        await dispatcher.run_once(recipients=self._recipients())
        shown, self._inbox = self._inbox, []
        return shown

    async def deliver(self, item: OutboxItem, reply: Reply) -> None:
        """The console's `Send`: the notification goes on screen now."""
        where = "clerk channel" if item.recipient == CLERK_CHANNEL else "you"
        first = len(self.buttons) + 1
        self.buttons += reply.buttons
        self._inbox.append(f"{_BELL}[to {where}] " + render_reply(reply, first))

    @property
    def people(self) -> Directory:
        return self.assistant.desk.people

    def _recipients(self) -> list[str]:
        mine = [to_user(self.person.id)]
        return [*mine, CLERK_CHANNEL] if self.person.decides else mine

    def _show(self, replies: list[Reply]) -> list[str]:
        self.buttons = []
        lines = []
        for reply in replies:
            first = len(self.buttons) + 1
            self.buttons += reply.buttons
            lines.append(render_reply(reply, first))
        return lines

    def _button(self, text: str) -> Button | None:
        if text.isdigit() and len(text) <= 3 and 1 <= int(text) <= len(self.buttons):
            return self.buttons[int(text) - 1]
        wanted = text.casefold()
        return next((b for b in self.buttons if b.label.casefold() == wanted), None)

    async def _slash(self, text: str) -> list[str]:
        command, _, arg = text.partition(" ")
        if command == "/as":
            person = self.people.find(arg)
            if person is None:
                handles = ", ".join(p.id for p in self.people)
                return [f"No one called {arg!r}. People: {handles}"]
            self.person, self.buttons = person, []
            role = person.role.value.replace("_", " ")
            return [f"You are now {person.name} ({role})."] + await self.notifications()
        if command == "/who":
            return [f"You are {self.person.name} ({self.person.role.value})."]
        return [
            "Chat commands: /as NAME (switch person), /who, /quit. Anything else goes to clerkbot."
        ]
