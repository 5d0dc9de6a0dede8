from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from knowledge.answer import Answerer
from knowledge.metrics import score


def reference_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_metrics_equal_the_reference_scorer(shared: Path, answerer: Answerer) -> None:
    questions = [json.loads(x) for x in (shared / "eval" / "dev.jsonl").read_text().splitlines()]
    predictions = {
        q["id"]: answerer.ask(q["question"], q["council"]).model_dump() for q in questions
    }
    del predictions[questions[0]["id"]]  # a missing prediction is scored the same way too
    assert score(questions, predictions) == reference_scorer(shared).score(questions, predictions)
