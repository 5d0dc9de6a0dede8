"""Fit the calibrated "not covered" model and write knowledge/data/calibration.toml.

    .venv/bin/pip install scikit-learn   # a tool for this script only, not a dependency
    .venv/bin/python scripts/fit_calibration.py [--write]
    .venv/bin/python scripts/fit_calibration.py --unbanked [--write]

Fits on the tuning sets only (TUNING below). The threshold is chosen by leave-one-set-out
cross-validation: each set is judged by a model fitted on the others, and the threshold
kept is the one with the most unanswerable questions declined while no more than
MAX_FALSE_ABSTAIN of answerable ones are. Dev and the newest unseen set are never read.

--unbanked fits the model for councils the bank barely speaks for (a council imported
from its own document): each bundled council is judged alone, as if nobody had written
it bank questions (its bank file left out), on its questions of the tuning sets; the
threshold is chosen by leaving one council out. Only the [unbanked] table is rewritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from dataclasses import astuple
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from knowledge.answer import Answerer  # noqa: E402
from knowledge.calibration import Evidence  # noqa: E402
from knowledge.judging import SemanticJudge  # noqa: E402
from knowledge.library import Library  # noqa: E402
from knowledge.metrics import norm  # noqa: E402
from knowledge.semantic.load import semantic_judge  # noqa: E402

TUNING = [
    REPO / "tests/knowledge/tune.jsonl",
    REPO / "tests/knowledge/casual.jsonl",
    REPO / "tests/knowledge/tune2.jsonl",
    REPO / "tests/eval/own.jsonl",
    REPO / "tests/eval/holdout.jsonl",
    REPO / "tests/eval/fresh.jsonl",
    REPO / "tests/eval/fresh2.jsonl",
]
MAX_FALSE_ABSTAIN = 0.08
THRESHOLDS = [round(t, 3) for t in np.arange(0.3, 0.81, 0.025)]


Row = tuple[Evidence, int, bool]


def rows(
    answerer: Answerer, judge: SemanticJudge, path: Path, council: str | None = None
) -> list[Row]:
    """(evidence, answerable?, top clause right?) for every question of a set (of one
    council's, when given)."""
    out = []
    for line in path.read_text().splitlines():
        q = json.loads(line)
        if council is not None and q["council"] != council:
            continue
        index = answerer.library.indexes[q["council"]]
        query = answerer.library.analyzer.query(q["question"])
        asking = judge.asking(q["question"], query)
        others = answerer.reference_candidates(query, q["council"])
        ranked, evidence = judge.examine(asking, index, others)
        if evidence is None:
            continue
        golds = [norm(g) for g in q["gold"]]
        right = any(g in norm(ranked[0].scored.clause.text) for g in golds)
        out.append((evidence, int(q["kind"] == "answerable"), right))
    return out


def fit(data: list[tuple[Evidence, int, bool]]) -> LogisticRegression:
    x = np.array([astuple(e) for e, _, _ in data])
    y = np.array([a for _, a, _ in data])
    return LogisticRegression(C=1.0, max_iter=5000).fit(x, y)


def cross_validate(sets: dict[str, list[tuple[Evidence, int, bool]]]) -> dict[float, tuple]:
    """Per threshold: mean over held-out sets of (top1, false_abstain, correct_abstain)."""
    probs: dict[str, np.ndarray] = {}
    for name in sets:
        model = fit([r for other, data in sets.items() if other != name for r in data])
        probs[name] = model.predict_proba(np.array([astuple(e) for e, _, _ in sets[name]]))[:, 1]
    table = {}
    for t in THRESHOLDS:
        per = []
        for name, data in sets.items():
            said = probs[name] >= t
            answerable = [(s, right) for s, (_, a, right) in zip(said, data, strict=True) if a]
            silent = [s for s, (_, a, _) in zip(said, data, strict=True) if not a]
            top1 = sum(s and r for s, r in answerable) / len(answerable)
            false_abstain = sum(not s for s, _ in answerable) / len(answerable)
            declined = sum(not s for s in silent) / max(1, len(silent))
            per.append((top1, false_abstain, declined))
        table[t] = tuple(float(v) for v in np.mean(per, axis=0))
    return table


def choose(table: dict[float, tuple]) -> float:
    """The threshold declining the most unanswerable questions while wrongly declining at
    most MAX_FALSE_ABSTAIN of answerable ones (held out)."""
    allowed = [t for t, v in table.items() if v[1] <= MAX_FALSE_ABSTAIN] or [min(THRESHOLDS)]
    return max(allowed, key=lambda t: (table[t][2], table[t][0]))


def unbanked_sets() -> dict[str, list[Row]]:
    """Per bundled council, its tuning questions judged with it alone in the library and
    its own bank left out; councils a template sibling's bank still covers are skipped
    (they are judged as banked)."""
    sets = {}
    for policy in sorted((REPO / "knowledge/policies").glob("*.md")):
        if policy.name in {"FORMAT.md", "README.md"}:
            continue
        council = policy.stem
        with tempfile.TemporaryDirectory() as folder:
            shutil.copy(policy, Path(folder) / policy.name)
            library = Library.load(Path(folder))
            judge = semantic_judge(library, leave_out=frozenset({council}))
            if judge is None:
                raise SystemExit("the semantic layer did not load: nothing to calibrate")
            if judge.banked(library.indexes[council]):
                print(f"{council}: a sibling's bank speaks for it; judged as banked")
                continue
            answerer = Answerer(library, judge=judge)
            sets[council] = [r for p in TUNING for r in rows(answerer, judge, p, council)]
    return sets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write calibration.toml")
    parser.add_argument("--unbanked", action="store_true", help="the model for unbanked councils")
    args = parser.parse_args()
    if args.unbanked:
        return _unbanked(args.write)
    library = Library.load()
    judge = semantic_judge(library)
    if judge is None:
        raise SystemExit("the semantic layer did not load: nothing to calibrate")
    answerer = Answerer(library, judge=judge)
    sets = {p.stem: rows(answerer, judge, p) for p in TUNING}
    table = cross_validate(sets)
    for t, (top1, fa, ca) in table.items():
        print(f"threshold {t:.2f}: top1 {top1:.3f}  false_abstain {fa:.3f}  declined {ca:.3f}")
    threshold = choose(table)
    model = fit([r for data in sets.values() for r in data])
    text = render(model, threshold, table[threshold], sum(len(d) for d in sets.values()))
    print(text)
    if args.write:
        (REPO / "knowledge/data/calibration.toml").write_text(text, encoding="utf-8")
    return 0


def _unbanked(write: bool) -> int:
    sets = unbanked_sets()
    table = cross_validate(sets)
    for t, (top1, fa, ca) in table.items():
        print(f"threshold {t:.2f}: top1 {top1:.3f}  false_abstain {fa:.3f}  declined {ca:.3f}")
    threshold = choose(table)
    model = fit([r for data in sets.values() for r in data])
    text = render_unbanked(model, threshold, table[threshold], sets)
    print(text)
    if write:
        path = REPO / "knowledge/data/calibration.toml"
        kept = path.read_text(encoding="utf-8").split("\n[unbanked]")[0].rstrip()
        path.write_text(kept + "\n\n" + text, encoding="utf-8")
    return 0


def render_unbanked(
    model: LogisticRegression, threshold: float, cv: tuple, sets: dict[str, list[Row]]
) -> str:
    weights = "\n".join(
        f"{name} = {w:.4f}" for name, w in zip(Evidence.names(), model.coef_[0], strict=True)
    )
    n = sum(len(d) for d in sets.values())
    return f"""[unbanked]
# For a council few bank questions speak for: written by scripts/fit_calibration.py
# --unbanked on {dt.date.today()}, fitted on {n} tuning questions of {", ".join(sets)}, each
# council judged alone with its own bank left out. Leaving one council out, the threshold
# gave top1 {cv[0]:.3f}, false_abstain {cv[1]:.3f}, unanswerable declined {cv[2]:.3f}.
bias = {model.intercept_[0]:.4f}
threshold = {threshold:.3f}

[unbanked.weights]
{weights}
"""


def render(model: LogisticRegression, threshold: float, cv: tuple, n: int) -> str:
    weights = "\n".join(
        f"{name} = {w:.4f}" for name, w in zip(Evidence.names(), model.coef_[0], strict=True)
    )
    sets = ", ".join(p.relative_to(REPO).as_posix() for p in TUNING)
    return f"""# The calibrated "not covered" model (knowledge/calibration.py), written by
# scripts/fit_calibration.py on {dt.date.today()}: a logistic regression of "the asker's
# policy answers this question" over the evidence about its best clause, fitted on
# {n} questions of the tuning sets ({sets}).
# The threshold is the one that, in leave-one-set-out cross-validation, declined the most
# unanswerable questions while wrongly declining at most {MAX_FALSE_ABSTAIN:.0%} of answerable ones:
# there it gave top1 {cv[0]:.3f}, false_abstain {cv[1]:.3f}, unanswerable declined {cv[2]:.3f}.
bias = {model.intercept_[0]:.4f}
threshold = {threshold:.2f}

[weights]
{weights}
"""


if __name__ == "__main__":
    raise SystemExit(main())
