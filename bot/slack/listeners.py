"""Bolt listeners: acknowledge at once, translate, call the core, send back. Nothing more.

Every listener acks first (Slack's 3-second limit) and does the work after: Bolt's
AsyncApp runs the rest once the ack has gone. Event retries are dropped by event_id
in `dedupe`, which the store remembers across restarts and replicas.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_bolt.response import BoltResponse
from slack_sdk.models.views import View

from bot.core.assistant import Assistant
from bot.core.door import Door
from bot.core.identity import Identities
from bot.core.turns import Pipeline
from bot.core.work import Work
from bot.messages import Action, ActionEvent, IncomingMessage, Reply, ReplyKind, User
from bot.slack import ids, parse
from bot.slack.channel import PLATFORM, SlackChannel, direct_address
from bot.slack.failures import why
from bot.slack.names import Names
from bot.slack.render import messages, pack
from bot.slack.views import form_menu, form_modal, form_values, home, note_modal

log = logging.getLogger(__name__)

# Not "nothing was changed": the failure may come after a request was filed.
_SORRY = (
    "Sorry, something went wrong on my side. If you were sending a request, type "
    "`my requests` to see whether it arrived before you try again."
)
NOTE_VIEW = "note_input"


@dataclass(slots=True)
class SlackBot:
    assistant: Assistant
    door: Door
    people: Identities
    channel: SlackChannel
    council_name: str
    names: Names
    #: Seen before? One turn at a time per conversation; wake the outbox after.
    pipeline: Pipeline
    #: Messages are answered from a bounded backlog after the ack (see bot.core.work).
    work: Work = field(default_factory=Work)

    def register(self, app: AsyncApp) -> None:
        app.middleware(self.dedupe)
        app.event("app_home_opened")(self.on_home)
        app.command(ids.POLICY_COMMAND)(self.on_policy)
        app.command(ids.REQUEST_COMMAND)(self.on_request)
        app.shortcut(ids.REPORT_SHORTCUT)(self.on_report)
        app.action(ids.CORE_ACTION)(self.on_press)
        app.action(ids.FEEDBACK)(self.on_feedback)
        app.action(ids.SHARE)(self.on_share)
        app.action(ids.OPEN_FORM)(self.on_open_form)
        app.view(ids.FORM_VIEW)(self.on_form)
        app.view(NOTE_VIEW)(self.on_note)
        app.error(self.on_error)

    async def user_of(self, body: dict[str, Any]) -> User | None:
        user = parse.user_of(body, self.people)
        return None if user is None else await self.names.of(user)

    # Retries --------------------------------------------------------------------------

    async def dedupe(
        self, body: dict[str, Any], next: Callable[[], Awaitable[None]]
    ) -> BoltResponse | None:
        """Before the ack, on purpose: a retry is known durably (across restarts and
        replicas), and a message is acknowledged once it has a place in the backlog."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        event = body.get("event")
        if not isinstance(event_id, str):
            await next()
            return None
        if not (isinstance(event, dict) and event.get("type") in ids.TURN_EVENTS):
            if not await self._first_time(event_id):
                return BoltResponse(status=200, body="")
            await next()
            return None
        async with self.work.place() as put:  # a full backlog holds the ack here
            if await self._first_time(event_id):
                put(partial(self._turn, event, body))
        return BoltResponse(status=200, body="")

    async def _first_time(self, event_id: str) -> bool:
        return await self.pipeline.first_time(PLATFORM, f"event:{event_id}")

    async def _turn(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        try:
            await self.on_message(event)
        except Exception as err:  # told, like any listener's failure
            await self.on_error(err, body)

    # Messages -------------------------------------------------------------------------

    async def on_message(self, event: dict[str, Any]) -> None:
        said = parse.said(event, self.people)
        if said is None or (event.get("type") == "message" and said.place.where != "dm"):
            return  # channel chatter: only @mentions and DMs are for the bot
        # The turn is taken first, before any wait, so turns keep their arrival order.
        async with self.pipeline.turn(said.message.conversation):
            user = await self.names.of(said.message.user)
            said = replace(said, message=said.message.model_copy(update={"user": user}))
            replies = await self.assistant.handle(said.message)
            await self.send(said.place, said.message.user, replies, said.message.conversation)

    async def on_home(self, event: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home":
            return
        user = parse.user_of({"user": {"id": event.get("user")}}, self.people)
        if user is not None:
            await self.publish_home(user)

    async def publish_home(self, user: User) -> None:
        mine = await self.assistant.mine(user)
        queue = await self.assistant.queue(user) if user.decides else None
        view = home(self.council_name, mine, queue)
        try:
            await self.channel.client.views_publish(user_id=user.platform_id, view=view)
        except Exception as err:  # the tab is redrawn next time it is opened
            log.warning("home for %s not published (%s)", user.platform_id, why(err))

    # Slash commands -------------------------------------------------------------------

    async def on_policy(
        self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond
    ) -> None:
        await ack()
        question = str(command.get("text") or "")
        user = await self.user_of(command)
        for reply in await self.assistant.ask(question, user):
            share = question if reply.kind is ReplyKind.ANSWER else None
            for payload in messages(reply, feedback=True, share=share):
                await respond(response_type="ephemeral", **payload)

    async def on_request(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        user = await self.user_of(body)
        if user is None:
            return
        dm = parse.Place(user.platform_id, "dm")
        where = parse.conversation(user, dm)
        menu = await self.assistant.handle(
            IncomingMessage(user=user, text="request", conversation=where)
        )
        await self.send(dm, user, menu, where)
        note = "I've sent you the choices in our DM; or fill it in as a form here:"
        await respond(response_type="ephemeral", **pack(form_menu(self.door.forms(user)), note)[0])

    # Shortcut and modals --------------------------------------------------------------

    async def on_report(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        user = await self.user_of(body)
        if user is None:
            return
        answers = parse.reported_message(body, self.people)
        answers["link"] = await self._permalink(body)
        dm = parse.Place(user.platform_id, "dm")
        where = parse.conversation(user, dm)
        replies = await self.assistant.start_prefilled(user, where, "abusive_post", answers)
        await self.send(dm, user, replies, where)

    async def _permalink(self, body: dict[str, Any]) -> str:
        channel = (body.get("channel") or {}).get("id")
        ts = (body.get("message") or {}).get("ts")
        if not channel or not ts:
            return ""
        try:
            found = await self.channel.client.chat_getPermalink(channel=channel, message_ts=ts)
        except Exception as err:  # any failure: the report goes on without the link
            log.warning("permalink for %s/%s: %s", channel, ts, why(err))
            return ""
        return str(found.get("permalink") or "")

    async def on_open_form(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        key = str((body.get("actions") or [{}])[0].get("value") or "")
        form = self.door.form(key)
        user = await self.user_of(body)
        if form is None or user is None:
            return
        if not self.door.may_start(user, key):
            where = parse.place_of(body)
            event = ActionEvent(
                user=user,
                action=Action.START,
                value=key,
                conversation=parse.conversation(user, where),
            )
            await self.send(where, user, await self.assistant.press(event))  # says who may
            return
        view = form_modal(form, {"workflow": key})
        await self.channel.client.views_open(trigger_id=body["trigger_id"], view=view)

    async def on_form(self, ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        user = parse.user_of(body, self.people)  # named after the ack: this one waits on us
        key = str(_metadata(view).get("workflow", ""))
        answers = form_values(view.get("state", {}).get("values", {}))
        errors = self.assistant.form_errors(key, answers)
        if errors or user is None:
            await ack(response_action="errors", errors=errors or {"": "Unknown user."})
            return
        await ack()
        user = await self.names.of(user)
        dm = parse.Place(user.platform_id, "dm")
        where = parse.conversation(user, dm)
        replies = await self.assistant.start_prefilled(user, where, key, answers)
        await self.send(dm, user, replies, where)

    async def on_note(self, ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        meta = _metadata(view)
        where = str(meta.get("conversation", ""))
        text = form_values(view.get("state", {}).get("values", {})).get("note", "")
        problem = await self.assistant.note_problem(where, text) if text else None
        if problem:  # the text box stays open and says why (a clause the policy lacks)
            await ack(response_action="errors", errors={"note": problem})
            return
        await ack()
        user = await self.user_of(body)
        # The note belongs to the conversation that asked for it, and only to its person.
        if user is None or not where.endswith(f":{user.platform_id}"):
            return
        replies = await self.assistant.handle(
            IncomingMessage(user=user, text=text or "cancel", conversation=where)
        )
        await self.send(parse.place_from(meta, user), user, replies, where)
        self.pipeline.wake()

    # Buttons --------------------------------------------------------------------------

    async def on_press(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        pressed = parse.pressed(body, self.people)
        if pressed is None:
            return
        user = await self.names.of(pressed.event.user)
        pressed = replace(pressed, event=pressed.event.model_copy(update={"user": user}))
        # Only the decision holds the conversation: opening a text box must not wait on it.
        async with self.pipeline.locks(pressed.event.conversation):
            replies = await self.assistant.press(pressed.event)
        wants_text = [r for r in replies if r.awaits_text]
        if wants_text and body.get("trigger_id"):
            place = pressed.place
            meta = {
                "conversation": pressed.event.conversation,
                "channel": place.channel,
                "where": place.where,
                "thread_ts": place.thread_ts,
                "private": place.private,
            }
            if not await self._open(body["trigger_id"], note_modal(wants_text[0], meta)):
                await self.send(pressed.place, pressed.event.user, replies)  # type it instead
        else:
            await self.send(pressed.place, pressed.event.user, replies, pressed.event.conversation)
        self.pipeline.wake()
        if pressed.place.where == "home":
            await self.publish_home(pressed.event.user)

    async def on_feedback(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        given = parse.feedback(body)
        user = await self.user_of(body)
        if given is None or user is None:
            return
        helpful, question, clause = given
        thanks = await self.assistant.feedback(user, question, clause, helpful)
        await respond(response_type="ephemeral", replace_original=False, **messages(thanks)[0])

    async def on_share(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        question = str((body.get("actions") or [{}])[0].get("value") or "")
        user = await self.user_of(body)
        replies = await self.assistant.ask(question)
        if not replies or user is None:
            return
        asked = f"{user.name} asked: {question}\n"
        shared = replies[0].model_copy(update={"text": asked + replies[0].text})
        await respond(response_type="in_channel", delete_original=True, **messages(shared)[0])

    async def _open(self, trigger_id: str, view: View) -> bool:
        try:
            await self.channel.client.views_open(trigger_id=trigger_id, view=view)
        except Exception as err:  # an expired trigger, Slack unreachable
            log.warning("modal not opened (%s)", why(err))
            return False
        return True

    # Sending --------------------------------------------------------------------------

    async def send(
        self,
        place: parse.Place,
        user: User,
        replies: Sequence[Reply],
        conversation: str | None = None,
    ) -> None:
        """Replies where they belong: the DM, the thread, or (in a channel, for a button
        press) only to the person who pressed. A post that fails waits in the outbox.
        When all went out, the core hears so (a form's question has been seen)."""
        sent = True
        for reply in replies:
            try:
                await self._send_one(place, user, reply)
            except Exception as err:  # a refusal, a proxy's page, a dropped line, a timeout
                log.warning("reply to %s failed (%s)", place, why(err))
                sent = False
                if not place.private:  # an ephemeral reply means nothing later
                    target = user.platform_id if place.where == "home" else place.channel
                    address = direct_address(target, place.thread_ts)
                    await self.door.postpone(address, reply)
        if sent and conversation:
            await self.assistant.delivered(conversation)

    async def _send_one(self, place: parse.Place, user: User, reply: Reply) -> None:
        if place.private:
            for payload in messages(reply, feedback=True):
                thread: dict[str, Any] = {"thread_ts": place.thread_ts} if place.thread_ts else {}
                await self.channel.client.chat_postEphemeral(
                    channel=place.channel, user=user.platform_id, **payload, **thread
                )
            return
        target = user.platform_id if place.where == "home" else place.channel
        await self.channel.post(target, reply, place.thread_ts, feedback=True)

    async def on_error(self, error: Exception, body: dict[str, Any]) -> None:
        """A failing listener is logged and the person told; the server carries on."""
        log.exception("slack listener failed", exc_info=error)
        user = parse.user_of(body, self.people) or parse.user_of(
            body.get("event") or {}, self.people
        )
        if user is None:
            return
        try:
            await self.channel.client.chat_postMessage(channel=user.platform_id, text=_SORRY)
        except Exception as err:  # already failing: say so in the log and stop there
            log.warning("could not tell %s about the failure (%s)", user.platform_id, why(err))


def _metadata(view: dict[str, Any]) -> dict[str, Any]:
    try:
        meta = json.loads(str(view.get("private_metadata") or "{}"))
    except json.JSONDecodeError:
        return {}
    return meta if isinstance(meta, dict) else {}
