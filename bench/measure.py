"""What the benchmarks measure with: the questions asked, latency percentiles, peak memory."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.jsonl import read_jsonl

Question = tuple[str, str]  # (question, council)


@dataclass(frozen=True, slots=True)
class Latency:
    queries: int
    p50_ms: float
    p99_ms: float


def read_questions(path: Path) -> list[Question]:
    return [(str(r["question"]), str(r["council"])) for r in read_jsonl(path)]


def timed_ms(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def latency(samples: list[float]) -> Latency:
    p50, p99 = np.percentile(samples, [50, 99])
    return Latency(len(samples), round(float(p50), 3), round(float(p99), 3))


def peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)
