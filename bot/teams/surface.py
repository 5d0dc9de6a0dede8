"""Teams on the shared aiohttp server: POST /api/messages through botbuilder's CloudAdapter."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

import jwt
from aiohttp import web
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import ActivityEventNames

from bot.app import Core
from bot.core.outbox import Channel
from bot.teams.channel import TeamsChannel
from bot.teams.handler import ClerkbotHandler
from bot.teams.outgoing import Outgoing
from bot.teams.settings import TeamsSettings

log = logging.getLogger("clerkbot.teams")

ROUTE = "/api/messages"

_ANONYMOUS_WARNING = """
*****************************************************************************
** TEAMS ANONYMOUS MODE: no MicrosoftAppId is set, so incoming activities
** are NOT checked for a Bot Framework token: anyone who can reach this
** server on %s can act as any user. For local testing
** (the Agents Playground) only; refused on any address but loopback.
** Set MicrosoftAppId and MicrosoftAppPassword for a real Teams.
*****************************************************************************"""


class TeamsSurface:
    name = "teams"

    def __init__(self, core: Core, settings: TeamsSettings, adapter: CloudAdapter) -> None:
        self.core = core
        self.settings = settings
        self.adapter = adapter
        self.outgoing = Outgoing(core, adapter, settings.app_id)
        self._channel = TeamsChannel(self.outgoing, settings)
        self.handler: ClerkbotHandler | None = None

    @classmethod
    def create(
        cls, core: Core, *, host: str, settings: TeamsSettings | None = None
    ) -> TeamsSurface:
        """Raises ValueError (shown to whoever started the server) when it must not start."""
        settings = settings or TeamsSettings()
        problems = settings.problems(host)
        if problems:
            raise ValueError("; ".join(problems))
        if settings.anonymous:
            log.warning(_ANONYMOUS_WARNING, host)
        auth = ConfigurationBotFrameworkAuthentication(settings.botbuilder())
        return cls(core, settings, CloudAdapter(auth))

    @property
    def channel(self) -> Channel:
        return self._channel

    def install(self, app: web.Application, wake: Callable[[], None]) -> None:
        handler = ClerkbotHandler(self.core, self.outgoing, self.settings, wake)
        handler.known = self._channel.known
        self.handler = handler
        adapter = self.adapter
        adapter.on_turn_error = _on_turn_error

        async def messages(request: web.Request) -> web.StreamResponse:
            if not await _an_activity(request):
                return web.Response(status=400, text="the body is not an activity")
            try:
                response = await adapter.process(request, handler)
            except jwt.PyJWTError as err:
                # A malformed token is as unauthorised as a missing one (botbuilder lets it
                # out as a decoding error, which would be a 500).
                raise web.HTTPUnauthorized() from err
            return response if response is not None else web.Response(status=201)

        app.router.add_post(ROUTE, messages)

    async def start(self) -> None:
        await self._channel.load()

    async def stop(self) -> None:
        """Nothing to close: botbuilder opens a connection per call."""


async def _an_activity(request: web.Request) -> bool:
    """Whether the body is a JSON object with a type, as every Bot Framework activity is.
    botbuilder would meet anything else with a 500 (bad JSON, an array, nesting deep enough
    to exhaust the parser). Nothing is done with the body here; botbuilder still checks the
    caller's token before any of it is acted on."""
    try:
        body = await request.json()  # aiohttp keeps the body: botbuilder reads it again
    except (ValueError, RecursionError):
        return False
    return isinstance(body, dict) and isinstance(body.get("type"), str)


async def _on_turn_error(turn_context: TurnContext, error: Exception) -> None:
    if turn_context.activity.name == ActivityEventNames.continue_conversation:
        # A notification or a card update: the outbox must see it fail, to try again later.
        raise error
    log.error("teams turn failed", exc_info=error)
    with contextlib.suppress(Exception):  # the connector itself may be what failed
        await turn_context.send_activity(
            "Sorry, something went wrong on my side. Please try again in a minute."
        )
