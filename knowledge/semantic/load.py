"""Put the semantic judge together: the bundled model, the vector cache, the question bank
and the calibrated abstention model. None when the model cannot load (one warning)."""

from __future__ import annotations

import functools
from pathlib import Path

from threadpoolctl import threadpool_limits

from knowledge.bank import load_bank
from knowledge.calibration import load_calibration
from knowledge.config import DEFAULT, RankingConfig
from knowledge.judging import SemanticJudge
from knowledge.library import Library
from knowledge.semantic.cache import CachedEncoder, default_folder
from knowledge.semantic.encoder import MiniLM, load_encoder
from knowledge.semantic.space import Semantics


@functools.cache
def shared_encoder() -> MiniLM | None:
    # The weights are read-only and take a second to load: one copy per process, shared
    # by every core the process builds (and the warning, if they fail, said once).
    # A question's matrix products are small: OpenBLAS's extra threads only wake, spin and
    # sleep again, costing ~100 ms of CPU per answer when questions come singly
    # (`python -m bench --part load`: 150-170 ms of CPU per DM, 52-54 ms with one thread).
    threadpool_limits(limits=1, user_api="blas")
    return load_encoder()


def semantic_judge(
    library: Library,
    cache: Path | None = None,
    banks: tuple[Path, ...] = (),
    config: RankingConfig = DEFAULT,
    leave_out: frozenset[str] = frozenset(),
) -> SemanticJudge | None:
    """The judge for this library, or None when the model is unavailable.

    `cache` is the vector cache's folder (default: CLERKBOT_CACHE_DIR or the user's cache
    folder); `banks` are folders of bank files beside the bundled one; the bank files of
    the councils in `leave_out` are not read (scripts/fit_calibration.py --unbanked).
    """
    encoder = shared_encoder()
    if encoder is None:
        return None
    cached = CachedEncoder(encoder, cache or default_folder())
    semantics = Semantics(cached, load_bank(library, banks, leave_out), asker=encoder)
    for index in library.indexes.values():
        semantics.prepare(index)
    return SemanticJudge(semantics, load_calibration(), config)
