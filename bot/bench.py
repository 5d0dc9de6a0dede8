"""Benchmark: ask latency over the bundled policies, and index build, memory and query
latency on a synthetic corpus grown to many councils.

The bundled councils are asked as the product asks (semantic layer on) and words only;
start-up is timed in new processes with an empty and a warm vector cache. The synthetic
councils are asked words only: encoding their 144,000 varied clauses would take the
semantic layer about 20 minutes here, and a deployment serves its own council.

This measures; it asserts nothing. `clerkbot bench` prints the table and keeps the JSON.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from functools import partial
from pathlib import Path

import numpy as np

from bot.jsonl import read_jsonl
from knowledge.answer import Answerer
from knowledge.everywhere import best_positions
from knowledge.lexical import confidence, rescore
from knowledge.library import Library, bundled_policies
from knowledge.models import PolicyDocument
from knowledge.parse import load, policy_files
from knowledge.semantic.load import semantic_judge

#: Each question is asked this many times, so p99 rests on more than one sample.
REPEATS = 5
#: Council scorings spent on all-council queries at each N: 200 queries at N=100 and 20 at
#: N=1000, which keeps a full run to about two minutes.
ALL_COUNCIL_BUDGET = 20_000
#: Fixed seed: the synthetic corpus and query mix are the same on every run.
SEED = 20240601
RSS_NOTE = "process-wide peak RSS, cumulative: includes every earlier step of the run"

_PREFIXES = "Ash Brad Calde Dun Elm Fen Gat Hol Kirk Lang Mar Nor Oak Pen Ros Stan Thorn Wal"
_SUFFIXES = "ford ley ton bury wick ham field by thorpe stow"
_QUALIFIERS = ("", "Upper ", "Lower ", "Great ", "Little ", "North ")
#: 1,080 distinct names, so every council up to N=1000 has its own.
PLACES = [f"{q}{p}{s}" for q in _QUALIFIERS for s in _SUFFIXES.split() for p in _PREFIXES.split()]

Question = tuple[str, str]  # (question, council)


@dataclass(frozen=True, slots=True)
class Latency:
    queries: int
    p50_ms: float
    p99_ms: float


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


@dataclass(frozen=True, slots=True)
class ScaleResult:
    councils: int
    clauses: int
    build_s: float
    peak_rss_after_build_mib: float
    scoped: Latency
    #: Scoped asks left unanswered, which then score every council for a reference: the
    #: slow tail of `scoped`.
    scoped_unanswered: int
    all_council: Latency
    wall_s: float


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


def read_questions(path: Path) -> list[Question]:
    return [(str(r["question"]), str(r["council"])) for r in read_jsonl(path)]


# -- measuring ---------------------------------------------------------------------------
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


# -- 1. ask latency on the bundled library -----------------------------------------------
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


# -- 2. scale on a synthetic corpus ------------------------------------------------------
def bench_scale(n: int, asked: list[Question], queries: int) -> ScaleResult:
    begun = time.perf_counter()
    docs = synthetic_corpus(n)
    clauses = sum(len(d.clauses) for d in docs)
    started = time.perf_counter()
    library = Library.from_documents(docs)
    library.everywhere()  # the one index over all councils is part of the build
    build_s = time.perf_counter() - started
    rss = peak_rss_mib()
    rng = random.Random(SEED + n)
    slugs = sorted(library.indexes)
    picks = [(rng.choice(asked)[0], rng.choice(slugs)) for _ in range(queries)]
    scoped, unanswered = scoped_samples(library, picks)
    wide = [timed_ms(partial(best_anywhere, library, q)) for q, _ in picks[: wide_count(n)]]
    # Free this corpus before the next N is built (peak RSS still remembers it).
    del library, docs
    gc.collect()
    wall_s = round(time.perf_counter() - begun, 1)
    return ScaleResult(
        n, clauses, round(build_s, 3), rss, latency(scoped), unanswered, latency(wide), wall_s
    )


def wide_count(n: int) -> int:
    return max(1, ALL_COUNCIL_BUDGET // n)


def scoped_samples(library: Library, picks: list[Question]) -> tuple[list[float], int]:
    answerer = Answerer(library, dt.date.today())
    answerer.ask(*picks[0])  # warm-up
    samples, unanswered = [], 0
    for question, council in picks:
        started = time.perf_counter()
        answer = answerer.ask(question, council)
        samples.append((time.perf_counter() - started) * 1000)
        unanswered += not answer.answered
    return samples, unanswered


def best_anywhere(library: Library, question: str) -> float:
    """The best clause's confidence over every council, as a council-less search would:
    one retrieval over all clauses, then each retrieved clause scored in its own council."""
    query = library.analyzer.query(question)
    best = 0.0
    for council, positions in best_positions(library.everywhere().hits(query)).items():
        index = library.indexes[council]
        scores = index.scores(query)
        for i in positions:
            best = max(best, confidence(rescore(index, query, i, float(scores[i]))))
    return best


def synthetic_corpus(n: int) -> list[PolicyDocument]:
    """n councils: varied copies of the bundled policies, so no two copies are identical."""
    bases = [load(p) for p in policy_files(bundled_policies())]
    rng = random.Random(SEED)
    return [copy_document(bases[k % len(bases)], k, rng) for k in range(n)]


def copy_document(base: PolicyDocument, k: int, rng: random.Random) -> PolicyDocument:
    place = PLACES[k % len(PLACES)]
    slug = f"{base.info.council}-{k}"
    info = replace(base.info, council=slug, council_name=f"{place} Town Council")
    pool = [w for c in base.clauses for w in c.text.split()]
    prefix = f"{base.info.council}/"
    clauses = [
        replace(
            c,
            doc=info,
            id=slug + "/" + c.id.removeprefix(prefix),
            text=vary(c.text, pool, place, rng),
        )
        for c in base.clauses
    ]
    return PolicyDocument(info, clauses)


def vary(text: str, pool: list[str], place: str, rng: random.Random) -> str:
    """Drop a word, swap one in from elsewhere in the policy, name the place, or keep."""
    tokens = text.split()
    change = rng.randrange(4)
    if change == 0 and len(tokens) > 3:
        del tokens[rng.randrange(len(tokens))]
    elif change == 1:
        tokens[rng.randrange(len(tokens))] = rng.choice(pool)
    elif change == 2:
        tokens.append(f"({place})")
    return " ".join(tokens)


# -- 3. the table ------------------------------------------------------------------------
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


def scale_rows(s: ScaleResult) -> list[tuple[str, str]]:
    n, scoped, wide = s.councils, s.scoped, s.all_council
    return [
        (f"N={n} clauses", str(s.clauses)),
        (f"N={n} build (s)", f"{s.build_s:.2f}"),
        (f"N={n} peak RSS after build (MiB)*", f"{s.peak_rss_after_build_mib:.0f}"),
        (f"N={n} scoped p50 / p99 (ms, words only)", f"{scoped.p50_ms:.2f} / {scoped.p99_ms:.2f}"),
        (
            f"N={n} scoped unanswered (reference lookup)",
            f"{s.scoped_unanswered} / {scoped.queries}",
        ),
        (
            f"N={n} all-council p50 / p99 (ms, {wide.queries} q)",
            f"{wide.p50_ms:.1f} / {wide.p99_ms:.1f}",
        ),
        (f"N={n} wall time (s)", f"{s.wall_s:.1f}"),
    ]
