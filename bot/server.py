"""The aiohttp application: every chat platform on one server, plus /healthz.

An app factory with typed keys (no module-level state). Each platform is a `Surface` that
adds its routes and gives the outbox a `Channel`; the server owns the one background loop
that fires reminders and delivers notifications for all of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Protocol

from aiohttp import web

from bot.app import Core
from bot.core.outbox import Channel, Dispatcher, fan_out


class Surface(Protocol):
    """A chat platform mounted on the server (Slack, Teams)."""

    name: str

    def install(self, app: web.Application, wake: Callable[[], None]) -> None:
        """Add routes; `wake` asks the outbox to deliver now (after a decision)."""

    @property
    def channel(self) -> Channel: ...

    async def start(self) -> None:
        """Begin work that is not a route (Socket Mode's connection)."""

    async def stop(self) -> None: ...


CORE = web.AppKey("core", Core)
DISPATCHER = web.AppKey("dispatcher", Dispatcher)
SURFACES: web.AppKey[tuple[Surface, ...]] = web.AppKey("surfaces")


async def healthz(request: web.Request) -> web.Response:
    """Liveness and readiness: the database answers and the policies are loaded."""
    core = request.app[CORE]
    try:
        await core.store.ping()
    except Exception as err:  # report, never raise: a health check must answer
        return web.json_response({"status": "unavailable", "error": type(err).__name__}, status=503)
    surfaces = [s.name for s in request.app[SURFACES]]
    return web.json_response(
        {"status": "ok", "council": core.settings.council, "surfaces": surfaces}
    )


def build_app(
    core: Core, surfaces: Sequence[Surface], *, outbox_interval: float = 1.0
) -> web.Application:
    app = web.Application(client_max_size=1024**2)
    dispatcher = Dispatcher(
        core.store,
        core.assistant,
        fan_out(core.store, {s.name: s.channel for s in surfaces}),
        core.desk.clock,
    )
    app[CORE] = core
    app[DISPATCHER] = dispatcher
    app[SURFACES] = tuple(surfaces)
    app.router.add_get("/healthz", healthz)
    for surface in surfaces:
        surface.install(app, dispatcher.wake)

    async def lifecycle(app: web.Application) -> AsyncIterator[None]:
        # The answer thread (bot/core/thinking.py) holds the GIL between its C calls; the
        # default 5 ms turns make an ack wait that long per turn. 1 ms keeps acks quick.
        sys.setswitchinterval(0.001)
        loop = asyncio.create_task(dispatcher.run_forever(outbox_interval))
        for surface in surfaces:
            await surface.start()
        yield
        for surface in surfaces:
            await surface.stop()
        loop.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await loop

    app.cleanup_ctx.append(lifecycle)
    return app
