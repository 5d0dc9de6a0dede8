"""A local stand-in for Slack's cloud Web API: records every call, checks the token and
the payloads' shape, and can be told to fail as the real network does: 429 with
Retry-After, 5xx, a proxy's text/plain page instead of JSON, a dropped connection, a hang.

It also serves `response_url`s (/respond/<n>), which Slack gives slash commands and buttons,
and Socket Mode: apps.connections.open (app token only) hands out a WebSocket URL on which
it says hello, sends envelopes and collects their acks, as Slack's socket servers do.

One fake for the tests (in process, `tests/bot/slack/`) and the benchmarks (in a process of
its own, `bench/servers.py`, counted through GET /_stats); not installed with clerkbot.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from aiohttp import WSMsgType, web

TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-1-test-token"
BOT_USER = "UBOT"


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    #: False when the fake answered with a fault: the call was made but nothing arrived.
    arrived: bool = True


#: How a failing call fails: Slack's JSON error, a non-JSON page (405, a proxy's 502),
#: a connection closed without an answer, or no answer at all for a minute.
FaultKind = Literal["json", "text", "drop", "hang"]


@dataclass(frozen=True)
class Fault:
    status: int
    headers: dict[str, str]
    channel: str | None
    kind: FaultKind = "json"


@dataclass
class FakeSlack:
    #: Where it listens, once started ("http://127.0.0.1:PORT").
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    #: method -> the faults to answer with (in order) before succeeding.
    failures: dict[str, list[Fault]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: Who users.info knows (anyone else is user_not_found): Slack id -> real name.
    names: dict[str, str] = field(default_factory=lambda: {"UNEW": "Nina Newcomer"})
    #: Socket Mode: the connections made (open or closed) and the acks, by envelope id.
    sockets: list[web.WebSocketResponse] = field(default_factory=list)
    acks: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Off for the benchmarks: a long load would keep every call's arguments for nothing.
    keep_calls: bool = True
    #: Calls by method (kept or not) and calls with a wrong token: GET /_stats.
    counts: Counter[str] = field(default_factory=Counter)
    bad_auth: int = 0
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _envelopes: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _acked: asyncio.Condition | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self.api)
        app.router.add_post("/respond/{n}", self.respond)
        app.router.add_get("/link", self.link)
        app.router.add_get("/_stats", self.stats)
        return app

    def fail(
        self,
        method: str,
        status: int,
        times: int = 1,
        retry_after: int | None = None,
        channel: str | None = None,
        kind: FaultKind = "json",
    ) -> None:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        fault = Fault(status, headers, channel, kind)
        self.failures.setdefault(method, []).extend([fault] * times)

    async def until(self, check: Callable[[], Any], timeout: float = 15.0) -> Any:
        """Wait for what the bot does after the ack (and through the outbox) to show here."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            found = check()
            if inspect.isawaitable(found):
                found = await found
            if found:
                return found
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"timed out; calls: {[c.method for c in self.calls]}")
            await asyncio.sleep(0.02)

    def made(self, method: str) -> list[dict[str, Any]]:
        return [c.args for c in self.calls if c.method == method]

    def arrived(self, method: str) -> list[dict[str, Any]]:
        """The calls that succeeded: what people actually saw."""
        return [c.args for c in self.calls if c.method == method and c.arrived]

    def texts(self, method: str = "chat.postMessage") -> list[str]:
        """Everything a method's calls showed, blocks included, as one string per call."""
        return [json.dumps(args, ensure_ascii=False) for args in self.made(method)]

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        # Only apps.connections.open takes the app-level token, and it takes nothing else.
        token = APP_TOKEN if method == "apps.connections.open" else TOKEN
        if request.headers.get("Authorization") != f"Bearer {token}":
            self.bad_auth += 1
            return web.json_response({"ok": False, "error": "invalid_auth"})
        args = await _args(request)
        call = Call(method, args)
        self.counts[method] += 1
        if self.keep_calls:
            self.calls.append(call)
        pending = self.failures.get(method) or []
        due = [f for f in pending if f.channel in (None, args.get("channel"))]
        if due:
            pending.remove(due[0])
            call.arrived = False
            return await _fault(request, due[0])
        if method == "users.info" and args.get("user") not in self.names:
            return web.json_response({"ok": False, "error": "user_not_found"})
        problem = _shape(method, args)
        if problem:
            self.problems.append(f"{method}: {problem}")
            return web.json_response({"ok": False, "error": problem})
        return web.json_response({"ok": True, **self._result(method, args)})

    async def respond(self, request: web.Request) -> web.Response:
        args = await request.json()
        self.calls.append(Call(f"respond:{request.match_info['n']}", args))
        problem = _blocks_problem(args.get("blocks"))
        if problem:
            self.problems.append(f"respond: {problem}")
            return web.Response(status=400, text=problem)
        return web.Response(text="ok")

    async def stats(self, request: web.Request) -> web.Response:
        del request
        return web.json_response({"calls": dict(self.counts), "bad_auth": self.bad_auth})

    # Socket Mode ----------------------------------------------------------------------

    @property
    def live(self) -> list[web.WebSocketResponse]:
        return [ws for ws in self.sockets if not ws.closed]

    async def link(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()  # answers the client's pings itself, as Slack does
        await ws.prepare(request)
        self.sockets.append(ws)
        info = {"app_id": "A1"}
        await ws.send_json({"type": "hello", "num_connections": 1, "connection_info": info})
        async for message in ws:
            if message.type is WSMsgType.TEXT:
                await self._ack(json.loads(message.data))
        return ws

    async def _ack(self, ack: dict[str, Any]) -> None:
        envelope_id = ack.get("envelope_id")
        if not isinstance(envelope_id, str):
            self.problems.append(f"socket: an ack without an envelope_id: {ack}")
            return
        self.acks[envelope_id] = ack
        async with self._condition():
            self._condition().notify_all()

    def _condition(self) -> asyncio.Condition:
        if self._acked is None:
            self._acked = asyncio.Condition()
        return self._acked

    async def envelope(
        self, kind: str, payload: dict[str, Any], retry_attempt: int = 0, timeout: float = 5
    ) -> dict[str, Any]:
        """Send an envelope (events_api, slash_commands, interactive) on the newest open
        connection, as Slack does, and wait for its ack; returns the ack."""
        envelope_id = f"env-{next(self._envelopes)}"
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
        }
        if kind == "events_api":
            envelope["retry_attempt"] = retry_attempt
            envelope["retry_reason"] = "timeout" if retry_attempt else ""
        await self.live[-1].send_json(envelope)
        condition = self._condition()
        async with condition:
            await asyncio.wait_for(condition.wait_for(lambda: envelope_id in self.acks), timeout)
        return self.acks[envelope_id]

    async def ask_to_reconnect(self) -> None:
        """What Slack sends a while before it recycles a connection."""
        await self.live[-1].send_json({"type": "disconnect", "reason": "refresh_requested"})

    def _result(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "apps.connections.open":
            return {"url": "ws" + self.url.removeprefix("http") + "/link"}
        if method == "users.info":
            name = self.names[args["user"]]
            profile = {"real_name": name, "display_name": name.split()[0]}
            return {"user": {"id": args["user"], "name": name.lower(), "profile": profile}}
        if method == "auth.test":
            return {"user_id": BOT_USER, "bot_id": "BBOT", "team_id": "T1", "user": "clerkbot"}
        if method in ("chat.postMessage", "chat.update"):
            channel = str(args.get("channel", ""))
            # Posting to a user id lands in the app's DM with them.
            if channel.startswith("U"):
                channel = "D" + channel[1:]
            ts = args.get("ts") or f"1700000000.{next(self._ts):06d}"
            return {"channel": channel, "ts": ts}
        if method == "chat.postEphemeral":
            return {"message_ts": f"1700000000.{next(self._ts):06d}"}
        if method == "chat.getPermalink":
            return {"permalink": f"https://council.slack.com/archives/{args['channel']}/p1"}
        if method in ("views.open", "views.publish"):
            return {"view": {"id": "V1", **(args.get("view") or {})}}
        return {}


async def _fault(request: web.Request, fault: Fault) -> web.Response:
    if fault.kind == "hang":
        await asyncio.sleep(30)
    if fault.kind == "drop" and request.transport is not None:
        request.transport.close()
    if fault.kind == "text":
        return web.Response(status=fault.status, text="<html>Bad Gateway</html>")
    error = "ratelimited" if fault.status == 429 else "internal_error"
    body = {"ok": False, "error": error}
    return web.json_response(body, status=fault.status, headers=fault.headers)


async def _args(request: web.Request) -> dict[str, Any]:
    args: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        args.update(await request.json())
    elif request.can_read_body:
        form = await request.post()
        for key, value in form.items():
            text = str(value)
            args[key] = json.loads(text) if key in ("blocks", "view") else text
    if isinstance(args.get("view"), str):
        args["view"] = json.loads(args["view"])
    return args


_REQUIRED = {
    "chat.postMessage": ("channel",),
    "chat.update": ("channel", "ts"),
    "chat.postEphemeral": ("channel", "user"),
    "views.open": ("trigger_id", "view"),
    "views.publish": ("user_id", "view"),
    "chat.getPermalink": ("channel", "message_ts"),
}


def _shape(method: str, args: dict[str, Any]) -> str | None:
    missing = [k for k in _REQUIRED.get(method, ()) if not args.get(k)]
    if missing:
        return f"missing {', '.join(missing)}"
    if method.startswith("chat.") and method != "chat.getPermalink":
        if not args.get("text") and not args.get("blocks"):
            return "no_text"
        return _blocks_problem(args.get("blocks"), 50)
    if method.startswith("views."):
        view = args["view"]
        if view.get("type") not in ("modal", "home"):
            return "invalid_view_type"
        return _blocks_problem(view.get("blocks"), 100)
    return None


def _blocks_problem(blocks: Any, limit: int = 50) -> str | None:
    if blocks is None:
        return None
    if not isinstance(blocks, list) or len(blocks) > limit:
        return "invalid_blocks"
    if any(not isinstance(b, dict) or "type" not in b for b in blocks):
        return "invalid_blocks"
    if len(json.dumps(blocks)) > 13_000:
        return "msg_blocks_too_long"
    return None
