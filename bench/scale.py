"""Benchmark: index build, memory and query latency on a synthetic corpus grown to many
councils (varied copies of the bundled policies), asked words only: encoding their 144,000
varied clauses would take the semantic layer about 20 minutes here, and a deployment
serves its own council. This measures; it asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import time
from dataclasses import dataclass, replace
from functools import partial

from bench.measure import Latency, Question, latency, peak_rss_mib, timed_ms
from knowledge.answer import Answerer
from knowledge.everywhere import best_positions
from knowledge.lexical import confidence, rescore
from knowledge.library import Library, bundled_policies
from knowledge.models import PolicyDocument
from knowledge.parse import load, policy_files

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
