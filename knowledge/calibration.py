"""Calibrated "not covered": a logistic model of whether the asker's policy answers.

The evidence about a question's best clause (how much of the question its words cover,
how close it is in meaning, how close the question is to the bank's questions for it and
to questions no policy answers, whether another council answers it better) goes through
a logistic regression fitted on the tuning sets by `scripts/fit_calibration.py`. The
coefficients, the threshold and how they were chosen live in
`knowledge/data/calibration.toml`, not here.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import astuple, dataclass, fields
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the abstention model reads about a question and its best clause."""

    #: Share of the question's (IDF-weighted) words the clause covers.
    coverage: float
    #: log(1 + the clause's BM25 score).
    log_bm25: float
    #: Cosine between question and clause.
    cosine: float
    #: Best cosine between the question and a bank question for this clause.
    bank: float
    #: Best cosine between the question and a bank question no policy answers.
    out_of_scope: float
    #: 1 when the clause passes the lexical coverage rule (knowledge.lexical.answers).
    lexical_rule: float
    #: How much closer in meaning another council's best clause is than this council's.
    other_council_gap: float
    #: Content words in the question, capped at 12: long questions cover less.
    words: float
    #: Best cosine to a bank question this council has no clause for (another council's).
    elsewhere: float
    #: Share of the nearest bank questions some policy answers (not out of scope).
    vote: float

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True, slots=True)
class Calibration:
    bias: float
    weights: tuple[float, ...]
    #: Answer when the probability reaches this.
    threshold: float

    def probability(self, evidence: Evidence) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, astuple(evidence), strict=True))
        return 1 / (1 + math.exp(-z))

    @classmethod
    def from_toml(cls, text: str) -> Calibration:
        return cls.from_table(tomllib.loads(text))

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> Calibration:
        weights = table["weights"]
        missing = set(Evidence.names()) - set(weights)
        if missing:
            raise ValueError(f"calibration has no weight for {sorted(missing)}")
        ordered = tuple(float(weights[name]) for name in Evidence.names())
        return cls(float(table["bias"]), ordered, float(table["threshold"]))


@dataclass(frozen=True, slots=True)
class Calibrations:
    """One model for councils the bank speaks for, one for councils it barely knows (fitted
    on the bundled councils judged without their own bank questions)."""

    banked: Calibration
    unbanked: Calibration

    def of(self, banked: bool) -> Calibration:
        return self.banked if banked else self.unbanked


def load_calibration() -> Calibrations:
    text = resources.files("knowledge").joinpath("data", "calibration.toml").read_text("utf-8")
    table = tomllib.loads(text)
    banked = Calibration.from_table(table)
    unbanked = Calibration.from_table(table["unbanked"]) if "unbanked" in table else banked
    return Calibrations(banked, unbanked)
