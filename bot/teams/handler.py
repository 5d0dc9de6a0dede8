"""The thin TeamsActivityHandler: botbuilder's activity in, the core's replies out.

Each turn: drop a re-sent activity (same id), remember where the person can be reached,
parse, ask the core, render, send, and wake the outbox so notifications go at once.
Nothing here decides anything about requests; that is the core's job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from botbuilder.core import InvokeResponse, TurnContext
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeValue,
    ChannelAccount,
    ConversationParameters,
)
from botbuilder.schema.teams import (
    MessagingExtensionActionResponse,
    TaskModuleMessageResponse,
    TeamInfo,
)
from msrest.serialization import Model

from bot.app import Core
from bot.core.recipients import ToClerks
from bot.core.turns import Pipeline
from bot.messages import Action, ActionEvent, IncomingMessage, Reply, ReplyKind, User
from bot.teams import parse, press, render
from bot.teams.identity import TEAMS
from bot.teams.outgoing import PLATFORM, Outgoing
from bot.teams.protocol import CARD_TYPE, MESSAGE_TYPE, REFRESH, REPORT_COMMAND, CardData
from bot.teams.settings import TeamsSettings

log = logging.getLogger(__name__)

_WELCOME = (
    "Hello, I'm clerkbot. I answer questions about the council's IT and social media "
    "policy with the clause it rests on, and I take your requests to the Clerk."
)


class ClerkbotHandler(TeamsActivityHandler):  # type: ignore[misc]
    def __init__(
        self,
        core: Core,
        outgoing: Outgoing,
        settings: TeamsSettings,
        wake: Callable[[], None],
    ) -> None:
        super().__init__()
        self.core = core
        self.out = outgoing
        self.settings = settings
        #: Conversation refs already stored, so a chatty user costs no write per message.
        self._stored: dict[str, str] = {}
        #: Seen before? One turn at a time per conversation; wake the outbox after.
        self.pipeline = Pipeline(core.door, wake)
        #: Who the outbox can reach (the channel's set, shared): updated as refs are stored.
        self.known: set[str] = set()

    # The turn ----------------------------------------------------------------------------

    async def on_turn(self, turn_context: TurnContext) -> None:
        act = parse.activity(turn_context.activity.serialize())
        delivery = f"{act.conversation.id}:{act.id}"
        if act.id and not await self.pipeline.first_time(PLATFORM, delivery):
            # The connector re-sends an activity it got no answer to in time: do it once.
            await _answer_duplicate(turn_context, act)
            return
        await self._remember(turn_context, act)
        # One turn at a time per conversation: two quick messages must not race on a draft.
        async with self.pipeline.turn(parse.conversation_key(act)):
            await super().on_turn(turn_context)

    async def _remember(self, turn: TurnContext, act: parse.Activity) -> None:
        ref = _reference(turn)
        channel = act.conversation.id.split(";", 1)[0]
        if self.settings.clerk_channel and channel == self.settings.clerk_channel:
            # New posts to the Clerk's channel start their own thread, not reply in this one.
            ref["conversation"] = {**ref.get("conversation", {}), "id": channel}
            await self._store_ref(str(ToClerks()), ref)
        elif act.personal and (act.sender.id and act.sender.id != act.recipient.id):
            await self._store_ref(self._user(act).id, ref)

    async def _store_ref(self, key: str, ref: dict[str, Any]) -> None:
        stamp = repr(sorted(ref.items()))
        if self._stored.get(key) != stamp:
            await self.core.door.remember_conversation(key, PLATFORM, ref)
            self._stored[key] = stamp
        self.known.add(key)

    def _user(self, act: parse.Activity) -> User:
        return self.core.identities.user(TEAMS, parse.teams_id(act), act.sender.name)

    def _parsed(self, turn: TurnContext) -> parse.Activity:
        return parse.activity(turn.activity.serialize())

    # Messages ----------------------------------------------------------------------------

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        act = self._parsed(turn_context)
        user = self._user(act)
        data = parse.press(act.value)
        if data is not None:
            # Action.Submit: a client without Universal Actions pressed a button.
            await self._submitted(turn_context, act, user, data)
            return
        if act.value is not None and not act.text:
            return  # another app's card: not ours to answer
        text = parse.message_text(act)
        message = IncomingMessage(user=user, text=text, conversation=parse.conversation_key(act))
        replies = await self.core.assistant.handle(message)
        await self.out.send(turn_context, replies, decider=_decides(user))
        await self.core.assistant.delivered(message.conversation)

    async def _submitted(
        self, turn: TurnContext, act: parse.Activity, user: User, data: CardData
    ) -> None:
        outcome = await self._press(act, user, data)
        card = await self._redrawn(act, user, data, outcome, for_all=True)
        if card is not None and act.reply_to_id:
            await self.out.replace_card_in_turn(turn, act.reply_to_id, card, data.label)
        await self.out.send(turn, outcome.rest, decider=_decides(user))
        await self.core.assistant.delivered(parse.conversation_key(act))

    async def _press(self, act: parse.Activity, user: User, data: CardData) -> press.Pressed:
        event = ActionEvent(
            user=user,
            action=data.action,
            value=data.value,
            conversation=parse.conversation_key(act),
        )
        replies = await self.core.assistant.press(event)
        return press.split(data, replies)

    async def _redrawn(
        self,
        act: parse.Activity,
        user: User,
        data: CardData,
        outcome: press.Pressed,
        *,
        for_all: bool = False,
    ) -> render.Card | None:
        """The card to draw where the button was pressed, if it changes.

        `for_all`: the redraw replaces a message everyone sees (Action.Submit's fallback),
        where what the client sent back is only its word. Then a request card is redrawn
        only on a message the server knows holds that request (the card itself always
        comes from the core, which has checked the presser's role), and a form card is
        settled only in the person's own chat. A Universal Action's answer changes only
        the presser's own view, on the message Teams says they pressed."""
        redraws = outcome.card is not None or outcome.redraw
        # Everyone's copy is the deciders' card: only a decider's press redraws it.
        if for_all and redraws and not await self._may_redraw(act, user, data.request_id):
            log.warning("teams: %s may not redraw message %s", user.id, act.reply_to_id)
            return None
        if outcome.card is not None:
            return render.card(outcome.card, refresh_users=await self.out.refresh_users())
        if outcome.redraw:
            return await self._current(act, user, data.request_id)
        if outcome.settle and (act.personal or not for_all):
            return render.settled(data.prompt, data.label)
        return None

    async def _may_redraw(self, act: parse.Activity, user: User, request_id: str) -> bool:
        return _decides(user) and await self.out.holds(request_id, act.reply_to_id)

    async def _current(
        self, act: parse.Activity, user: User, request_id: str
    ) -> render.Card | None:
        """A request card as this person may see it now (the core checks who may)."""
        show = ActionEvent(
            user=user,
            action=Action.SHOW,
            value=request_id,
            conversation=parse.conversation_key(act),
        )
        shown = await self.core.assistant.press(show)
        if not shown or not shown[0].fields:
            return None
        return render.card(shown[0], refresh_users=await self.out.refresh_users())

    # Invokes -------------------------------------------------------------------------------

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        """Our invokes, answered with the response models themselves.

        botbuilder's handlers serialize the body to a dict and CloudAdapter.process then
        serializes it again, which fails (botbuilder-python 4.17): so the models go out as
        they are, and CloudAdapter serializes them once.
        """
        name = turn_context.activity.name
        body: Any
        if name == "adaptiveCard/action":
            body = await self.on_adaptive_card_invoke(turn_context, None)
        elif name in ("composeExtension/fetchTask", "composeExtension/submitAction"):
            body = await self._report(turn_context)
        else:
            return await super().on_invoke_activity(turn_context)
        return InvokeResponse(status=int(HTTPStatus.OK), body=body)

    # Universal Actions ---------------------------------------------------------------------

    async def on_adaptive_card_invoke(
        self, turn_context: TurnContext, invoke_value: AdaptiveCardInvokeValue | None
    ) -> ActionResponse:
        del invoke_value  # read from the raw activity, with our own validation
        act = self._parsed(turn_context)
        parsed = parse.execute(act.value)
        if parsed is None:
            return _message("That button isn't one of mine; nothing was changed.")
        verb, data = parsed
        user = self._user(act)
        if verb == REFRESH:
            card = await self._current(act, user, data.request_id)
            return _card(card) if card is not None else _message("Nothing to refresh.")
        outcome = await self._press(act, user, data)
        card = await self._redrawn(act, user, data, outcome)
        await self.out.send(turn_context, outcome.rest, decider=_decides(user))
        await self.core.assistant.delivered(parse.conversation_key(act))
        if card is not None:
            return _card(card)
        return _message(outcome.rest[0].text if outcome.rest else "Done.")

    # Installation ----------------------------------------------------------------------------

    async def on_teams_members_added_dispatch(
        self, members_added: list[ChannelAccount], team_info: TeamInfo, turn_context: TurnContext
    ) -> None:
        # Overridden so no member look-up goes to Teams: the ids are all a welcome needs.
        del team_info
        act = self._parsed(turn_context)
        bot_added = any(m.id == act.recipient.id for m in members_added)
        if not (bot_added or act.personal):
            return
        user = self._user(act)
        helped = await self.core.assistant.handle(
            IncomingMessage(user=user, text="help", conversation=parse.conversation_key(act))
        )
        welcome = Reply(kind=ReplyKind.NOTICE, text=_WELCOME)
        await self.out.send(turn_context, [welcome, *helped], decider=False)

    # "Report to Clerk" (a message action) -------------------------------------------------

    async def _report(self, turn: TurnContext) -> MessagingExtensionActionResponse:
        act = self._parsed(turn)
        post = parse.reported_post(act.value)
        if post is None or post.command != REPORT_COMMAND:
            return _task_message("I don't know that command.")
        user = self._user(act)
        ref = await self._personal_chat(turn, act, user)
        conversation = f"teams:{ref['conversation']['id']}"
        replies = await self.core.assistant.start_prefilled(
            user, conversation, "abusive_post", post.answers()
        )
        await self.out.proactive(ref, replies, decider=_decides(user))
        await self.core.assistant.delivered(conversation)
        return _task_message(
            "I've started a report to the Clerk in your chat with clerkbot, with the message "
            "filled in. Answer the remaining questions there."
        )

    async def _personal_chat(
        self, turn: TurnContext, act: parse.Activity, user: User
    ) -> dict[str, Any]:
        """The person's 1:1 chat with the bot: stored, or opened now (the app is installed)."""
        if act.personal:
            return _reference(turn)
        stored = await self.core.door.conversation(user.id, PLATFORM)
        if stored is not None:
            return stored
        opened: dict[str, Any] = {}

        async def capture(created: TurnContext) -> None:
            opened.update(TurnContext.get_conversation_reference(created.activity).serialize())

        params = ConversationParameters(
            is_group=False,
            bot=turn.activity.recipient,
            members=[ChannelAccount(id=act.sender.id)],
            tenant_id=act.tenant or None,
            channel_data={"tenant": {"id": act.tenant}},
        )
        await self.out.adapter.create_conversation(
            self.out.app_id,
            capture,
            params,
            turn.activity.channel_id,
            turn.activity.service_url,
            None,
        )
        opened["user"] = {"id": act.sender.id, "name": act.sender.name}
        opened["conversation"] = {**opened.get("conversation", {}), "conversationType": "personal"}
        opened.pop("activityId", None)
        await self._store_ref(user.id, opened)
        return opened


def _reference(turn: TurnContext) -> dict[str, Any]:
    """Where this turn happened, as JSON to store; not tied to the message it came from."""
    ref: dict[str, Any] = TurnContext.get_conversation_reference(turn.activity).serialize()
    ref.pop("activityId", None)
    return ref


def _decides(user: User) -> bool:
    return user.decides


class ActionResponse(Model):
    """A Universal Action's answer: botbuilder's own model can't carry a message's text."""

    _attribute_map = {  # noqa: RUF012 (msrest's declaration, read from the class)
        "status_code": {"key": "statusCode", "type": "int"},
        "type": {"key": "type", "type": "str"},
        "value": {"key": "value", "type": "object"},
    }

    def __init__(self, kind: str, value: render.Card | str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.status_code = int(HTTPStatus.OK)
        self.type = kind
        self.value = value


def _card(card: render.Card) -> ActionResponse:
    return ActionResponse(CARD_TYPE, card)


def _message(text: str) -> ActionResponse:
    return ActionResponse(MESSAGE_TYPE, text)


def _task_message(text: str) -> MessagingExtensionActionResponse:
    return MessagingExtensionActionResponse(task=TaskModuleMessageResponse(value=text))


async def _answer_duplicate(turn: TurnContext, act: parse.Activity) -> None:
    if act.type != ActivityTypes.invoke:
        return
    body: Any = None
    if act.name == "adaptiveCard/action":
        body = _message("Already done.")
    elif act.name.startswith("composeExtension/"):
        body = _task_message("Already received.")
    response = InvokeResponse(status=int(HTTPStatus.OK), body=body)
    await turn.send_activity(Activity(type=ActivityTypes.invoke_response, value=response))
