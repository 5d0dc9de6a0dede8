"""Slack on the server: Bolt's AsyncApp behind aiohttp (/slack/events) or over Socket Mode
(bot/slack/socket_mode.py).

The adapter is bolt-python's own pair of pure converters (to_bolt_request /
to_aiohttp_response); Bolt verifies the signature (401 when it is missing, wrong or older
than five minutes) and acks before our listeners run. The Web API client retries 429s
(honouring Retry-After) and 5xxs with slack_sdk's own handlers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import Callable, Iterator
from typing import Any

import aiohttp
from aiohttp import web
from pydantic import BaseModel, ConfigDict
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.logger import get_bolt_logger
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import Core
from bot.core.turns import Pipeline
from bot.slack.channel import SlackChannel
from bot.slack.listeners import SlackBot
from bot.slack.names import Names
from bot.slack.settings import SlackSettings
from bot.slack.socket_mode import SocketLink

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
        timeout=math.ceil(settings.api_timeout),
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=retries),
            AsyncRateLimitErrorRetryHandler(max_retry_count=retries),
            AsyncServerErrorRetryHandler(max_retry_count=retries),
        ],
    )


class SlackSurface:
    name = "slack"

    def __init__(
        self,
        bolt: AsyncApp,
        bot: SlackBot,
        app_token: str | None = None,
        verifier: SignatureVerifier | None = None,
        timeout: float = 10.0,
    ):
        self.bolt = bolt
        self.bot = bot
        #: Checks each HTTP request before anything reads it (see `handle`).
        self._verifier = verifier
        #: Socket Mode when set (an xapp- token); HTTP on EVENTS_PATH otherwise.
        self._app_token = app_token
        self._link: SocketLink | None = None
        self._session: aiohttp.ClientSession | None = None
        # slack_sdk times out the sessions it makes, but not one it is given: without this,
        # aiohttp's 300 s default let a hanging Slack hold an answer.
        self._timeout = aiohttp.ClientTimeout(total=timeout, connect=min(timeout, 5.0))

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
        with _without(_BOLT_TOKEN_WARNING):
            bolt = AsyncApp(
                client=client,
                signing_secret=(
                    settings.signing_secret.get_secret_value() if settings.signing_secret else None
                ),
                # `handle` verifies every HTTP request before anything reads it; Socket
                # Mode needs none. Bolt checking the same signature again is work twice.
                request_verification_enabled=False,
                process_before_response=False,
            )
        channel = SlackChannel(client, core.door, core.identities, settings.clerk_channel)
        info = core.library.indexes[core.settings.council].document.info
        names = Names(client, core.identities)
        pipeline = Pipeline(core.door)
        bot = SlackBot(
            core.assistant, core.door, core.identities, channel, info.council_name, names, pipeline
        )
        bot.register(bolt)
        app_token = (
            settings.app_token.get_secret_value() if socket_mode and settings.app_token else None
        )
        secret = settings.signing_secret
        verifier = SignatureVerifier(secret.get_secret_value()) if secret else None
        return cls(bolt, bot, app_token, verifier, settings.api_timeout)

    @property
    def channel(self) -> SlackChannel:
        return self.bot.channel

    def install(self, app: web.Application, wake: Callable[[], None]) -> None:
        self.bot.pipeline.wake = wake
        if self._app_token is None:
            app.router.add_post(EVENTS_PATH, self.handle)

    async def handle(self, request: web.Request) -> web.Response:
        """Verify, then parse, then dispatch. Bolt parses the body before it checks the
        signature, so a forged or malformed body could reach its error handler (and
        through it, a DM to whoever the body names): here nothing unsigned is read."""
        raw = await request.read()
        if self._verifier is None or not _signed(self._verifier, raw, request):
            return web.Response(status=401, text="invalid request signature")
        bolt_request = _bolt_request(raw, request)
        if bolt_request is None:
            return web.Response(status=400, text="malformed request body")
        return await to_aiohttp_response(await self.bolt.async_dispatch(bolt_request))

    async def start(self) -> None:
        # Made here, inside the running loop, and closed in stop().
        self._session = aiohttp.ClientSession(timeout=self._timeout)
        self.bot.channel.client.session = self._session
        if self._app_token is not None:
            self._link = SocketLink(self.bolt, self._app_token, self.bot.channel.client)
            await self._link.open()
        else:
            log.info("Slack: listening on %s", EVENTS_PATH)

    async def stop(self) -> None:
        await self.bot.work.drain()  # what was acknowledged is answered before we go
        await _listeners_finished()
        if self._link is not None:
            await self._link.close()
            self._link = None
        if self._session is not None:
            await self._session.close()
            self._session = None


async def _listeners_finished(timeout: float = 10.0) -> None:
    """Let Bolt's listeners that run after their ack (a button press, a modal) finish
    before the store closes under them. Bolt keeps no handle on them, so they are found
    by the name of Bolt's own wrapper; should that change, nothing is waited for."""
    running = [
        task
        for task in asyncio.all_tasks()
        if task.get_coro().__qualname__.endswith("run_ack_function_asynchronously")  # type: ignore[union-attr]
    ]
    if running:
        await asyncio.wait(running, timeout=timeout)


def _signed(verifier: SignatureVerifier, raw: bytes, request: web.Request) -> bool:
    try:
        return verifier.is_valid_request(raw, dict(request.headers))
    except ValueError:  # a timestamp that is not a number
        return False


def _bolt_request(raw: bytes, request: web.Request) -> AsyncBoltRequest | None:
    """Bolt's request, or None when the body is not what Slack sends (a JSON object, or
    a form whose `payload` is one)."""
    try:
        parsed = AsyncBoltRequest(
            body=raw.decode("utf-8"),
            query=request.query_string,
            headers=dict(request.headers),
        )
        _Shape.model_validate(parsed.body)
    except (ValueError, AttributeError, TypeError, RecursionError):
        return None  # bad UTF-8 or JSON, a JSON array, nesting too deep, the wrong shape
    return parsed if parsed.body else None


class _View(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str


class _Shape(BaseModel):
    """What Bolt reads without checking: a signed body of another shape (an `event` that
    is a string, `actions` that are not objects) would fail inside Bolt as a 500."""

    model_config = ConfigDict(extra="allow")
    event: dict[str, Any] | None = None
    actions: list[dict[str, Any]] | None = None
    view: _View | None = None


#: Bolt reads SLACK_BOT_TOKEN itself and warns that our client (the same token, plus retry
#: handlers) wins; true and harmless, but it alarms whoever reads the start-up log.
_BOLT_TOKEN_WARNING = "As you gave `client` as well, `token` will be unused."


class _Drop(logging.Filter):
    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != self.message


@contextlib.contextmanager
def _without(message: str) -> Iterator[None]:
    bolt_log = get_bolt_logger(AsyncApp)
    drop = _Drop(message)
    bolt_log.addFilter(drop)
    try:
        yield
    finally:
        bolt_log.removeFilter(drop)
