"""`clerkbot serve`: open the core, mount the chosen platforms, run the aiohttp server."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from dataclasses import dataclass

from aiohttp import web

from bot.app import Core, open_core
from bot.server import Surface, build_app
from bot.settings import Settings

log = logging.getLogger("clerkbot.serve")


@dataclass(frozen=True, slots=True)
class ServeOptions:
    slack: bool
    teams: bool
    socket_mode: bool = False
    host: str = "127.0.0.1"
    port: int = 3978


async def serve(settings: Settings, options: ServeOptions) -> None:
    core = await open_core(settings)
    runner: web.AppRunner | None = None
    try:
        app = build_app(core, _surfaces(core, options))
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, options.host, options.port).start()
        log.info(
            "clerkbot serving %s on http://%s:%s", settings.council, options.host, options.port
        )
        await _until_stopped()
    finally:
        if runner is not None:
            await runner.cleanup()
        await core.close()


def _surfaces(core: Core, options: ServeOptions) -> list[Surface]:
    # Imported here: a deployment that serves one platform does not load the other's SDK.
    surfaces: list[Surface] = []
    if options.slack:
        from bot.slack.surface import SlackSurface

        surfaces.append(SlackSurface.create(core, socket_mode=options.socket_mode))
    if options.teams:
        from bot.teams.surface import TeamsSurface

        surfaces.append(TeamsSurface.create(core, host=options.host))
    if not surfaces:
        raise ValueError("say which platform to serve: --slack, --teams, or both")
    return surfaces


async def _until_stopped() -> None:
    """Until SIGTERM (systemd, Docker) or Ctrl-C: either way the finally blocks close the
    Slack socket, the Web API session and the database in order."""
    stopping = asyncio.Event()
    with contextlib.suppress(NotImplementedError):  # Windows has no signal handlers: Ctrl-C
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopping.set)
    await stopping.wait()
