"""The design, enforced: which package may import which, and how long a module may grow.

Read from the source (every import statement, at any depth), so a late import inside a
function counts as much as one at the top. docs/architecture.md draws the same layers.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: Code that ships or runs.
SOURCE = ("bot", "knowledge", "workflows", "bench", "testing")
#: No module, product or test, grows past this: split it by topic instead.
MAX_LINES = 400
#: Platform SDKs, each allowed only inside its own adapter folder.
SDKS = {
    "slack_bolt": "bot/slack",
    "slack_sdk": "bot/slack",
    "botbuilder": "bot/teams",
    "botframework": "bot/teams",
    "microsoft_agents": "bot/teams",
}
ADAPTERS = ("bot/slack", "bot/teams")


def modules(*folders: str) -> Iterator[Path]:
    for folder in folders:
        yield from sorted((REPO / folder).rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Every module name an import statement in `path` names (absolute imports)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def offences(folders: tuple[str, ...], banned: tuple[str, ...]) -> list[str]:
    found = []
    for path in modules(*folders):
        for name in sorted(imported(path)):
            if any(name == b or name.startswith(f"{b}.") for b in banned):
                found.append(f"{path.relative_to(REPO)} imports {name}")
    return found


@pytest.mark.parametrize(
    ("layer", "banned"),
    [
        (("knowledge",), ("workflows", "bot")),
        (("workflows",), ("bot",)),
        # Adapters translate: they talk to the core (bot.core, bot.messages) and nothing
        # behind it, so the store, the workflows and the ranking stay the core's business.
        (ADAPTERS, ("workflows", "knowledge")),
        (("bot", "knowledge", "workflows"), ("bench", "testing", "tests")),
    ],
    ids=["knowledge", "workflows", "adapters", "product"],
)
def test_layers_import_only_downwards(layer: tuple[str, ...], banned: tuple[str, ...]) -> None:
    assert offences(layer, banned) == []


def test_platform_sdks_stay_in_their_adapter() -> None:
    found = []
    for path in modules("bot", "knowledge", "workflows"):
        where = path.relative_to(REPO).as_posix()
        for name in imported(path):
            home = SDKS.get(name.partition(".")[0])
            if home is not None and not where.startswith(f"{home}/"):
                found.append(f"{where} imports {name} (belongs in {home})")
    assert found == []


def test_no_module_is_longer_than_400_lines() -> None:
    long = {
        str(p.relative_to(REPO)): n
        for p in modules(*SOURCE, "tests")
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_checks_see_what_they_check(tmp_path: Path) -> None:
    """The checks can fail: a late import inside a function is found, and so is an SDK."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from workflows.store import Store\n    import slack_sdk\n")
    assert imported(sample) == {"workflows.store", "slack_sdk"}
    assert offences(ADAPTERS, ("workflows",)) == []
