"""The bundled int8 weights behave like the fp32 model they claim to be."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from knowledge.semantic import encoder as encoder_module
from knowledge.semantic.encoder import DIMENSIONS, MiniLM, load_encoder
from knowledge.semantic.load import shared_encoder

REFERENCE = Path(__file__).parent.parent / "fixtures" / "minilm_reference.json"
#: int8 quantisation moves cosines by up to ~0.01 on these pairs; a wrong model, wrong
#: pooling or a missing normalisation moves them by far more.
TOLERANCE = 0.03


@pytest.fixture(scope="module")
def model() -> MiniLM:
    loaded = shared_encoder()
    assert loaded is not None, "the bundled model must load"
    return loaded


def test_cosines_match_the_fp32_reference(model: MiniLM) -> None:
    pairs = json.loads(REFERENCE.read_text())["pairs"]
    assert len(pairs) >= 30
    a = model.encode([p["a"] for p in pairs])
    b = model.encode([p["b"] for p in pairs])
    got = (a * b).sum(axis=1)
    want = np.array([p["cosine"] for p in pairs])
    assert np.abs(got - want).max() <= TOLERANCE
    # The order of pairs by closeness is the reference's too, up to near-ties.
    assert np.corrcoef(np.argsort(np.argsort(got)), np.argsort(np.argsort(want)))[0, 1] > 0.98


def test_vectors_are_unit_length_and_batching_changes_nothing(model: MiniLM) -> None:
    texts = ["usb sticks ok?", "Councillors must not use the council's logo. " * 30, "x"]
    together = model.encode(texts)
    alone = np.vstack([model.encode([t]) for t in texts])
    assert together.shape == (3, DIMENSIONS)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.allclose(together, alone, atol=1e-4)
    assert model.encode([]).shape == (0, DIMENSIONS)


def test_a_missing_model_means_words_only_with_one_clear_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(encoder_module, "TOKENIZER", Path("/nonexistent/tokenizer.json"))
    with caplog.at_level(logging.WARNING):
        assert load_encoder() is None
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "semantic layer off" in warnings[0].getMessage()
