"""All loaded policies: one CouncilIndex per council, sharing one analyzer."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from knowledge import spelling
from knowledge.analyzer import Analyzer, words
from knowledge.everywhere import Everywhere
from knowledge.index import CouncilIndex
from knowledge.lexicon import load_lexicon
from knowledge.models import Clause, PolicyDocument
from knowledge.parse import load, policy_files


def bundled_policies() -> Path:
    return Path(str(resources.files("knowledge").joinpath("policies")))


@dataclass(slots=True)
class Library:
    analyzer: Analyzer
    indexes: dict[str, CouncilIndex]
    _everywhere: Everywhere | None = field(default=None, repr=False)

    def everywhere(self) -> Everywhere:
        """One index over every council's clauses, built at first use."""
        if self._everywhere is None:
            self._everywhere = Everywhere(self.indexes)
        return self._everywhere

    @classmethod
    def from_documents(cls, documents: list[PolicyDocument]) -> Library:
        spelling.preload()
        analyzer = Analyzer(load_lexicon())
        analyzer.learn(w for d in documents for c in d.clauses for w in words(c.text))
        indexes = {d.info.council: CouncilIndex(d, analyzer) for d in documents}
        # The index lives, read-only, as long as the process: keep the collector from
        # re-scanning it (a full pass over 100k clauses is a visible pause).
        gc.collect()
        gc.freeze()
        return cls(analyzer, indexes)

    @classmethod
    def load(cls, folder: Path | None = None) -> Library:
        return cls.from_documents([load(p) for p in policy_files(folder or bundled_policies())])

    def find_clause(self, council: str, named: str) -> Clause | None:
        """The council's clause a person names: "§5.3", "5.3", "watton/5.3" or its label
        ("Virus Controls, point 3"), in any case and spacing."""
        index = self.indexes.get(council)
        if index is None:
            return None
        wanted = _label_key(named.strip().removeprefix(f"{council}/"))
        return next(
            (
                c
                for c in index.clauses
                if wanted in (_label_key(c.label), _label_key(c.id.removeprefix(f"{council}/")))
            ),
            None,
        )

    def clause(self, clause_id: str) -> Clause | None:
        """A clause by its stable id ("watton/5.2"), for workflows that cite fixed clauses."""
        index = self.indexes.get(clause_id.partition("/")[0])
        if index is None:
            return None
        return next((c for c in index.clauses if c.id == clause_id), None)


def _label_key(text: str) -> str:
    return "".join(text.casefold().replace("§", "").split()).strip(".")
