"""Socket Mode: the bot dials out to Slack over a WebSocket, so it needs no public URL.

slack_sdk's client does the protocol (hello, acks by envelope_id, pings, reconnecting when
Slack asks); this adds what it lacks for a service: a wrong token fails start-up at once,
and Slack being unreachable at start-up does not hold up the rest of the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import aiohttp
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)


class SocketLink:
    def __init__(self, bolt: AsyncApp, app_token: str, client: AsyncWebClient) -> None:
        self._bolt, self._app_token, self._client = bolt, app_token, client
        self._handler: AsyncSocketModeHandler | None = None
        self._connecting: asyncio.Task[None] | None = None

    async def open(self) -> None:
        # Made here: slack_sdk's client starts its reader task on the running loop.
        handler = AsyncSocketModeHandler(self._bolt, self._app_token, web_client=self._client)
        try:
            linked = await _first_link(handler)
        except ValueError:
            await handler.close_async()  # type: ignore[no-untyped-call]
            raise
        self._handler = handler
        if linked:
            await self._connect(handler)
        else:  # Slack unreachable for now: keep trying without holding up the server
            self._connecting = asyncio.create_task(self._connect(handler))

    async def close(self) -> None:
        if self._connecting is not None:
            self._connecting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._connecting
            self._connecting = None
        if self._handler is not None:
            await self._handler.close_async()  # type: ignore[no-untyped-call]
            self._handler = None

    @staticmethod
    async def _connect(handler: AsyncSocketModeHandler) -> None:
        await handler.connect_async()  # type: ignore[no-untyped-call]  # retries until it can
        log.info("Slack: connected over Socket Mode")


#: Slack's answers to apps.connections.open that no amount of retrying will change.
_REFUSED = {
    "invalid_auth",
    "not_authed",
    "not_allowed_token_type",
    "token_revoked",
    "account_inactive",
}


async def _first_link(handler: AsyncSocketModeHandler) -> bool:
    """Ask for the first WebSocket URL ourselves: slack_sdk's connect() retries every error
    forever, so a wrong or revoked app token would hang start-up in silence. False when
    Slack can't be reached yet; that is left to connect()'s own retries."""
    try:
        handler.client.wss_uri = await handler.client.issue_new_wss_url()
        return True
    except SlackApiError as err:
        error = str(err.response.get("error", ""))
        if error in _REFUSED:
            raise ValueError(f"Slack refused SLACK_APP_TOKEN: {error}") from err
        log.warning("Slack: apps.connections.open failed (%s); retrying", error)
    except (aiohttp.ClientError, TimeoutError) as err:
        log.warning("Slack: cannot reach Slack yet (%s); retrying", err)
    return False
