"""What `clerkbot index --check` (and `clerkbot import`) say about the workflows' topics:
per council and topic, the clause bound (label and the start of its text) and how sure
the binding is, or a warning where no clause was found (the workflow then says the
policy is silent on it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from bot import app
from bot.bindings import resolve
from bot.settings import Settings
from knowledge.answer import Answerer
from knowledge.binding import Binding, OverrideError
from knowledge.library import Library, bundled_policies
from workflows.catalogue import Catalogue
from workflows.topics import Topic, topics

#: How much of a bound clause's text a report line shows.
PREVIEW = 60


def report_bindings(
    library: Library,
    council: str,
    folder: Path | None = None,
    answerer: Answerer | None = None,
) -> list[str]:
    """The report's lines for one council of `library`, its override file read from
    `folder` (default: the bundled policies). Lines that start "  warning:" are warnings.

    Raises knowledge.binding.OverrideError (a ValueError) for an override file that
    names what the policy doesn't have.
    """
    asker = answerer or app.answerer(Settings(), library)
    resolved = resolve(asker, [council], folder or bundled_policies())
    return lines(library, resolved)


def lines(library: Library, resolved: Mapping[str, Sequence[Binding]]) -> list[str]:
    """Per council, a line per bound clause: its topic, label, how sure (the engine's
    confidence, or "override") and the start of its text; a warning per topic unbound."""
    out: list[str] = []
    declared = {t.key: t for t in topics()}
    for council, found in resolved.items():
        name = library.indexes[council].document.info.council_name
        out.append(f"{council} ({name}): the clause each workflow topic rests on")
        width = max((len(b.topic) for b in found), default=0)
        for binding in found:
            out += _topic(binding, width, declared.get(binding.topic))
    return out


def _topic(binding: Binding, width: int, topic: Topic | None) -> list[str]:
    head = f"  {binding.topic:{width}s}"
    sure = "override" if binding.overridden else f"{binding.confidence:.2f}"
    about = topic.about if topic else binding.topic
    if not binding.clauses:
        if binding.overridden:
            return [f"{head}  none (override): the policy is silent on {about}"]
        guess = binding.guess
        nearest = f" (nearest: {guess.label}, {binding.confidence:.2f})" if guess else ""
        then = (
            "will say the policy is silent on it" if topic and topic.cited else "skips that check"
        )
        return [
            f"{head}  none found{nearest}",
            f"  warning: no clause on {about}: the {_title(binding.topic)} {then}",
        ]
    said = []
    for number, clause in enumerate(binding.clauses):
        lead = head if number == 0 else " " * len(head)
        said.append(f"{lead}  {clause.label} ({sure}): {_preview(clause.text)}")
    return said


def _title(topic: str) -> str:
    spec = Catalogue().get(topic.partition(".")[0])
    return spec.title.lower() if spec else topic


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return f'"{flat}"' if len(flat) <= PREVIEW else f'"{flat[:PREVIEW].rstrip()}…"'


def print_bindings(folder: Path, settings: Settings, out: TextIO) -> tuple[int, int]:
    """Every council's report, for `clerkbot index --check`: (errors, warnings)."""
    library = Library.load(folder)
    asker = app.answerer(settings, library)
    try:
        resolved = resolve(asker, sorted(library.indexes), folder)
    except OverrideError as exc:
        print(f"workflow topics: error: {exc}", file=out)
        return 1, 0
    said = lines(library, resolved)
    for line in said:
        print(line, file=out)
    return 0, sum(1 for line in said if line.startswith("  warning:"))
