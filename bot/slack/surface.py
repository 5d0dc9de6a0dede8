"""Slack on the server: Bolt's AsyncApp behind aiohttp (/slack/events) or over Socket Mode.

The adapter is bolt-python's own pair of pure converters (to_bolt_request /
to_aiohttp_response); Bolt verifies the signature (401 when it is missing, wrong or older
than five minutes) and acks before our listeners run. The Web API client retries 429s
(honouring Retry-After) and 5xxs with slack_sdk's own handlers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import Core
from bot.slack.channel import SlackChannel
from bot.slack.listeners import SlackBot
from bot.slack.settings import SlackSettings

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


def web_client(
    settings: SlackSettings, session: aiohttp.ClientSession | None = None
) -> AsyncWebClient:
    """The Web API client. Given a session, calls reuse its connections (one TLS handshake
    to slack.com, not one per message)."""
    retries = settings.api_retries
    return AsyncWebClient(
        token=settings.bot_token.get_secret_value(),
        base_url=settings.api_url,
        session=session,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=retries),
            AsyncRateLimitErrorRetryHandler(max_retry_count=retries),
            AsyncServerErrorRetryHandler(max_retry_count=retries),
        ],
    )


class SlackSurface:
    name = "slack"

    def __init__(self, bolt: AsyncApp, bot: SlackBot, socket: AsyncSocketModeHandler | None):
        self.bolt = bolt
        self.bot = bot
        self._socket = socket
        self._session: aiohttp.ClientSession | None = None

    @classmethod
    def create(
        cls, core: Core, *, socket_mode: bool = False, settings: SlackSettings | None = None
    ) -> SlackSurface:
        settings = settings or SlackSettings()  # type: ignore[call-arg]  # from the environment
        if socket_mode and settings.app_token is None:
            raise ValueError("Socket Mode needs SLACK_APP_TOKEN (an xapp-... app-level token)")
        if not socket_mode and settings.signing_secret is None:
            raise ValueError("HTTP mode needs SLACK_SIGNING_SECRET (or use --socket-mode)")
        client = web_client(settings)
        bolt = AsyncApp(
            client=client,
            signing_secret=(
                settings.signing_secret.get_secret_value() if settings.signing_secret else None
            ),
            request_verification_enabled=not socket_mode,
            process_before_response=False,
        )
        channel = SlackChannel(client, core.store, core.people, settings.clerk_channel)
        info = core.library.indexes[core.settings.council].document.info
        bot = SlackBot(core.assistant, core.people, channel, lambda: None, info.council_name)
        bot.register(bolt)
        socket = None
        if socket_mode and settings.app_token is not None:
            socket = AsyncSocketModeHandler(
                bolt, settings.app_token.get_secret_value(), web_client=client
            )
        return cls(bolt, bot, socket)

    @property
    def channel(self) -> SlackChannel:
        return self.bot.channel

    def install(self, app: web.Application, wake: Callable[[], None]) -> None:
        self.bot.wake = wake
        if self._socket is None:
            app.router.add_post(EVENTS_PATH, self.handle)

    async def handle(self, request: web.Request) -> web.Response:
        response = await self.bolt.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    async def start(self) -> None:
        # Made here, inside the running loop, and closed in stop().
        self._session = aiohttp.ClientSession()
        self.bot.channel.client.session = self._session
        if self._socket is not None:
            await self._socket.connect_async()  # type: ignore[no-untyped-call]
            log.info("Slack: connected over Socket Mode")
        else:
            log.info("Slack: listening on %s", EVENTS_PATH)

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
        if self._session is not None:
            await self._session.close()
            self._session = None
