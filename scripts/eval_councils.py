"""Answer quality on councils imported as a new council would be: each council's own
document through `clerkbot import`, then its questions through the answerer, scored as
../shared/eval/score.py scores (knowledge.metrics).

    .venv/bin/python scripts/eval_councils.py tests/eval/councils     # held out: run once
    .venv/bin/python scripts/eval_councils.py --onboarding ../shared/onboarding

A council folder holds `council.toml` (slug, name, file) and `questions.jsonl`. With
--onboarding, a folder of `dev-policies/<slug>.txt` (its `# source:` lines dropped, as a
council's own file would not have them) and one `dev-questions.jsonl`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from knowledge.answer import Answerer  # noqa: E402
from knowledge.importing import convert  # noqa: E402
from knowledge.library import Library  # noqa: E402
from knowledge.metrics import score  # noqa: E402
from knowledge.parse import parse  # noqa: E402
from knowledge.semantic.load import semantic_judge  # noqa: E402

METRICS = ("top1", "recall_at_3", "false_abstain", "correct_abstain")


def held_out(folders: list[Path], out: Path) -> list[dict[str, object]]:
    questions = []
    for folder in folders:
        meta = tomllib.loads((folder / "council.toml").read_text(encoding="utf-8"))
        imported = convert([folder / meta["file"]], meta["slug"], meta["name"])
        (out / f"{meta['slug']}.md").write_text(imported.markdown, encoding="utf-8")
        clauses = len(parse(imported.markdown).clauses)
        print(f"{meta['slug']}: {clauses} clauses imported from {meta['file']}")
        questions += [json.loads(line) for line in (folder / "questions.jsonl").open()]
    return questions


def onboarding(folder: Path, out: Path) -> list[dict[str, object]]:
    for path in sorted((folder / "dev-policies").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        source = out / "sources" / path.name
        source.parent.mkdir(exist_ok=True)
        source.write_text("\n".join(x for x in lines if not x.startswith("# ")), encoding="utf-8")
        imported = convert([source], path.stem)
        (out / f"{path.stem}.md").write_text(imported.markdown, encoding="utf-8")
        print(f"{path.stem}: {len(parse(imported.markdown).clauses)} clauses imported")
    return [json.loads(line) for line in (folder / "dev-questions.jsonl").open()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--onboarding", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        if args.onboarding:
            questions = [q for f in args.folders for q in onboarding(f, out)]
        else:
            councils = [c for f in args.folders for c in sorted(f.glob("*/council.toml"))]
            questions = held_out([c.parent for c in councils] or args.folders, out)
        library = Library.load(out)
        judge = semantic_judge(library)
        answerer = Answerer(library, judge=judge)
        for council in sorted({str(q["council"]) for q in questions}):
            mine = [q for q in questions if q["council"] == council]
            _report(council, mine, answerer)
        _report("all", questions, answerer)
    return 0


def _report(name: str, questions: list[dict[str, object]], answerer: Answerer) -> None:
    answers = {
        str(q["id"]): answerer.ask(str(q["question"]), str(q["council"])).model_dump(mode="json")
        for q in questions
    }
    scored = score(questions, answers)
    figures = "  ".join(f"{m} {scored[m]:.3f}" for m in METRICS)
    print(f"{name:16s} n={len(questions):3d}  {figures}")


if __name__ == "__main__":
    raise SystemExit(main())
