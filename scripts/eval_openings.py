"""How well opening messages are understood: each message of a conversation set is sent
to the real assistant (in memory, Watton's policy) as a person of its role; the route it
takes (a form started, a command, a policy answer) and the form's answers it filled in are
compared with the set's labels (tests/conversations/README.md).

    .venv/bin/python scripts/eval_openings.py [tests/conversations/openings.jsonl] [-v]

Prints route accuracy, the share of stated slots pre-filled, and the questions a request
still asks (its fields not filled).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.app import assemble  # noqa: E402
from bot.core.commands import parse_command  # noqa: E402
from bot.messages import IncomingMessage, User  # noqa: E402
from bot.settings import Settings  # noqa: E402
from knowledge.library import Library  # noqa: E402
from workflows.people import Directory  # noqa: E402
from workflows.store.memory import MemoryStore  # noqa: E402

SET = REPO / "tests/conversations/openings.jsonl"


def words(value: object) -> str:
    return " ".join(re.sub(r"[^a-z0-9£]+", " ", str(value).lower()).split())


def same(expected: object, got: object) -> bool:
    """Booleans and choices exactly; text leniently (one contains the other)."""
    if isinstance(expected, bool) or isinstance(got, bool):
        return expected == got
    a, b = words(expected), words(got)
    return bool(a and b) and (a in b or b in a)


async def route_of(assistant: Any, store: MemoryStore, person: Any, text: str, n: int) -> tuple:
    here = f"eval:{n}"
    user = User(id=person.id, name=person.name, role=person.role, platform="console")
    await assistant.handle(IncomingMessage(user=user, text=text, conversation=here))
    draft = await store.load_draft(here)
    if draft is not None:
        return f"request:{draft.workflow}", dict(draft.state.get("data", {}))
    command = parse_command(text)
    if command is not None:
        return f"command:{command[0].value}", {}
    return "question", {}


async def main_async(path: Path, verbose: bool) -> int:
    settings = Settings(_env_file=None, council="watton", policies_dir=None)
    library = Library.load()
    people = Directory.load(settings.people_file)
    store = MemoryStore(lambda: dt.datetime.now(dt.UTC))
    _, assistant = assemble(settings, lambda: dt.datetime.now(dt.UTC), library, people, store)
    cases = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    roles = {p.role.value: p for p in reversed(list(people))}
    right = slots = filled = asked = requests = 0
    for n, case in enumerate(cases):
        person = roles[case["role"]]
        route, data = await route_of(assistant, store, person, case["text"], n)
        ok = route == case["route"]
        right += ok
        expected = case.get("slots", {})
        hits = [k for k, v in expected.items() if ok and k in data and same(v, data[k])]
        slots += len(expected)
        filled += len(hits)
        if case["route"].startswith("request:") and ok:
            spec = assistant.catalogue.get(case["route"].split(":")[1])
            requests += 1
            asked += sum(1 for f in spec.fields if f.name not in data) if spec else 0
        if verbose and (not ok or len(hits) < len(expected)):
            print(f"{case['id']} {case['route']:24s} got {route:24s} {case['text'][:70]!r}")
            for k, v in expected.items():
                if k not in hits:
                    print(f"      {k}: wanted {v!r}, got {data.get(k)!r}")
    print(f"{path.name}: {len(cases)} messages")
    print(f"  route accuracy      {right / len(cases):.3f} ({right}/{len(cases)})")
    print(f"  slots pre-filled    {filled / max(1, slots):.3f} ({filled}/{slots})")
    print(f"  questions asked per request (routed right): {asked / max(1, requests):.2f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", nargs="?", type=Path, default=SET)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    return asyncio.run(main_async(args.set, args.verbose))


if __name__ == "__main__":
    raise SystemExit(main())
