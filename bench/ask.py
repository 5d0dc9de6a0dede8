"""Benchmark: ask latency over the bundled policies, then (bench.scale) index build, memory
and query latency on a synthetic corpus grown to many councils.

The bundled councils are asked as the product asks (semantic layer on) and words only;
start-up is timed in new processes with an empty and a warm vector cache.

This measures; it asserts nothing. `python -m bench --part ask` prints the table and keeps
the JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

from bench.measure import Latency, Question, latency, read_questions, timed_ms
from bench.scale import RSS_NOTE, ScaleResult, bench_scale, scale_rows
from knowledge.answer import Answerer
from knowledge.library import Library
from knowledge.semantic.load import semantic_judge

#: Each question is asked this many times, so p99 rests on more than one sample.
REPEATS = 5


@dataclass(frozen=True, slots=True)
class AskResult:
    questions: int
    build_s: float
    #: As the product answers (the semantic layer on, when the model loads).
    latency: Latency
    #: Words only: the fallback.
    words_only: Latency
    semantic: bool
    cold_start_s: float
    warm_start_s: float
    ask_process_peak_rss_mib: float


def run(
    questions: Path,
    out: Path,
    councils: tuple[int, ...] = (100, 1000),
    queries: int = 200,
) -> dict[str, object]:
    asked = read_questions(questions)
    # Scale first: its peak RSS is the index's, not the semantic model's the ask part loads.
    scale = [bench_scale(n, asked, queries) for n in councils]
    ask = bench_ask(asked)
    print(table(ask, scale))
    result: dict[str, object] = {
        "ask": asdict(ask),
        "scale": [asdict(s) for s in scale],
        "peak_rss_note": RSS_NOTE,
        "python": platform.python_version(),
        "date": dt.date.today().isoformat(),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def bench_ask(asked: list[Question]) -> AskResult:
    started = time.perf_counter()
    library = Library.load()
    build_s = time.perf_counter() - started
    judge = semantic_judge(library)
    semantic = Answerer(library, dt.date.today(), judge=judge)
    words_only = Answerer(library, dt.date.today())
    cold, warm = start_times()
    return AskResult(
        questions=len(asked),
        build_s=round(build_s, 3),
        latency=ask_latency(semantic, asked),
        words_only=ask_latency(words_only, asked),
        semantic=judge is not None,
        cold_start_s=cold,
        warm_start_s=warm,
        ask_process_peak_rss_mib=ask_process_rss(asked),
    )


def ask_latency(answerer: Answerer, asked: list[Question]) -> Latency:
    for question, council in asked:  # warm-up, so caches (stems, typo repair) are filled
        answerer.ask(question, council)
    return latency(
        [timed_ms(partial(answerer.ask, q, c)) for _ in range(REPEATS) for q, c in asked]
    )


_PREPARE = "from bot.cli import main; raise SystemExit(main(['index', '--prepare']))"


def start_times() -> tuple[float, float]:
    """Seconds from a new process to answers ready (policies, model, every clause and bank
    vector), with an empty vector cache and then with the cache it filled."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "CLERKBOT_CACHE_DIR": cache}
        times = []
        for _ in range(2):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", _PREPARE], env=env, check=True, capture_output=True
            )
            times.append(round(time.perf_counter() - started, 2))
    return times[0], times[1]


def ask_process_rss(asked: list[Question]) -> float:
    """Peak RSS of a process that loads the five councils with the semantic layer and
    answers every question (what one deployment holds)."""
    lines = "\n".join(
        json.dumps({"id": str(i), "question": q, "council": c}) for i, (q, c) in enumerate(asked)
    )
    # VmHWM, not ru_maxrss: a forked child's ru_maxrss starts at its parent's peak.
    script = (
        "import sys, pathlib; from bot.cli import main; main(['ask', '--batch', sys.argv[1]]);"
        "hwm = [l for l in pathlib.Path('/proc/self/status').read_text().splitlines()"
        " if l.startswith('VmHWM')]; print(hwm[0].split()[1], file=sys.stderr)"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl") as batch:
        batch.write(lines)
        batch.flush()
        done = subprocess.run(
            [sys.executable, "-c", script, batch.name], check=True, capture_output=True, text=True
        )
    return round(int(done.stderr.strip().splitlines()[-1]) / 1024, 1)  # kB -> MiB


def table(ask: AskResult, scale: list[ScaleResult]) -> str:
    rows = [
        ("metric", "value"),
        ("bundled index build (s)", f"{ask.build_s:.3f}"),
        (
            f"ask p50 (ms, semantic layer {'on' if ask.semantic else 'OFF'})",
            f"{ask.latency.p50_ms:.2f}",
        ),
        (
            f"ask p99 (ms, semantic layer {'on' if ask.semantic else 'OFF'})",
            f"{ask.latency.p99_ms:.2f}",
        ),
        (
            "ask p50 / p99 (ms, words only)",
            f"{ask.words_only.p50_ms:.2f} / {ask.words_only.p99_ms:.2f}",
        ),
        ("start, empty vector cache (s)", f"{ask.cold_start_s:.1f}"),
        ("start, warm vector cache (s)", f"{ask.warm_start_s:.1f}"),
        ("peak RSS, five councils asked (MiB, own process)", f"{ask.ask_process_peak_rss_mib:.0f}"),
    ]
    for s in scale:
        rows += scale_rows(s)
    lines = [f"{name:<44} {value}" for name, value in rows]
    return "\n".join([*lines, f"* {RSS_NOTE}"])
