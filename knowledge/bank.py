"""The clause question bank: questions as staff and councillors type them, each naming the
clause that answers it, plus questions a council's policy does not answer.

Data, like the synonym table: `knowledge/data/bank/<council>.toml` for the bundled
councils, and any further folders a deployment adds (a Clerk's linked questions). A new
question is matched against the bank; a bank question also speaks for the near-identical
clause of another council (many policies derive from the same templates), which is how it
helps a council nobody wrote questions for. The bank is kept apart from every evaluation
set (tests/knowledge/test_bank.py).
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from knowledge.library import Library, bundled_policies
from knowledge.models import Clause
from knowledge.parse import load, policy_files

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Example:
    """One bank question, and the clause that answers it (None: out of scope)."""

    council: str
    question: str
    clause: Clause | None = None


@dataclass(frozen=True, slots=True)
class Bank:
    #: Questions each answered by a known clause.
    answered: tuple[Example, ...] = ()
    #: Questions people ask that an ICT and social-media policy does not answer.
    out_of_scope: tuple[Example, ...] = ()

    @classmethod
    def load(
        cls, folders: Sequence[Path], clauses: Iterable[Clause], leave_out: Collection[str] = ()
    ) -> Bank:
        """Every `*.toml` in the folders but those of the councils left out (to judge a
        council as if nobody had written it questions); entries naming an unknown clause
        are skipped."""
        known = {c.id: c for c in clauses}
        answered: list[Example] = []
        out: list[Example] = []
        files = sorted(p for folder in folders for p in folder.glob("*.toml"))
        for path in (p for p in files if p.stem not in leave_out):
            table = tomllib.loads(path.read_text(encoding="utf-8"))
            council = path.stem
            for entry in table.get("clause", []):
                clause = known.get(entry["id"])
                if clause is None:
                    log.warning("%s: no clause %s, its questions are skipped", path, entry["id"])
                    continue
                answered += (Example(clause.council, q, clause) for q in entry["questions"])
            silent = table.get("out_of_scope", {}).get("questions", [])
            out += (Example(council, q) for q in silent)
        return cls(tuple(answered), tuple(out))


def bundled_bank() -> Path:
    return Path(str(resources.files("knowledge").joinpath("data", "bank")))


def bundled_clauses() -> list[Clause]:
    """The bundled councils' clauses: what the bank's questions were written for, and
    what they speak for in any other council's policy."""
    return [c for path in policy_files(bundled_policies()) for c in load(path).clauses]


def load_bank(
    library: Library, banks: Sequence[Path] = (), leave_out: Collection[str] = ()
) -> Bank:
    """The bundled bank and any further folders, for this library's councils."""
    clauses = [*bundled_clauses(), *(c for i in library.indexes.values() for c in i.clauses)]
    return Bank.load([bundled_bank(), *banks], clauses, leave_out)
