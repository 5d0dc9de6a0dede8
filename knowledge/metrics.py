"""Q&A metrics, computed exactly as ../shared/eval/score.py does (a test holds them equal)."""

from __future__ import annotations

import re
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

Record = Mapping[str, Any]


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def hit_rank(question: Record, prediction: Record, depth: int = 10) -> int | None:
    golds = [norm(g) for g in question["gold"]]
    for i, cite in enumerate(prediction.get("citations", [])[:depth]):
        same_council = cite.get("council") == question["council"]
        if same_council and any(g in norm(cite.get("text", "")) for g in golds):
            return i + 1
    return None


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    return round(values[min(len(values) - 1, int(len(values) * share))], 2)


def score(questions: Sequence[Record], predictions: Mapping[str, Record]) -> dict[str, Any]:
    answerable = [q for q in questions if q["kind"] == "answerable"]
    others = [q for q in questions if q["kind"] != "answerable"]
    top1 = r3 = false_abstain = 0
    mrr = 0.0
    cited: list[int] = []
    for q in answerable:
        p = predictions.get(q["id"], {})
        rank = hit_rank(q, p)
        top1 += bool(p.get("answered") and rank == 1)
        r3 += bool(rank and rank <= 3)
        mrr += 1 / rank if rank else 0.0
        if not p.get("answered"):
            false_abstain += 1
        elif p.get("citations"):
            cited.append(len(p["citations"][0].get("text", "")))
    abstained = sum(1 for q in others if not predictions.get(q["id"], {}).get("answered", True))
    latencies = sorted(
        p["latency_ms"]
        for p in predictions.values()
        if isinstance(p.get("latency_ms"), int | float)
    )
    n, m = max(1, len(answerable)), max(1, len(others))
    return {
        "answerable": len(answerable),
        "unanswerable": len(others),
        "missing": sum(1 for q in questions if q["id"] not in predictions),
        "top1": round(top1 / n, 3),
        "recall_at_3": round(r3 / n, 3),
        "mrr_at_10": round(mrr / n, 3),
        "false_abstain": round(false_abstain / n, 3),
        "correct_abstain": round(abstained / m, 3),
        "abstain_balanced": round(((1 - false_abstain / n) + abstained / m) / 2, 3),
        "median_cited_chars": int(statistics.median(cited)) if cited else None,
        "latency_ms_p50": round(latencies[len(latencies) // 2], 2) if latencies else None,
        "latency_ms_p99": _percentile(latencies, 0.99),
    }
