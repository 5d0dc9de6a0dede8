"""Canonical JSON: one spelling per value, so hashes are reproducible."""

from __future__ import annotations

import json
from typing import Any

from pydantic_core import to_jsonable_python


def canonical_json(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def json_copy(value: dict[str, Any] | None) -> dict[str, Any]:
    """The dict exactly as it will read back from a JSON column.

    Values are converted the way pydantic's JSON mode does (dates become ISO strings,
    tuples lists, models dicts); anything JSON cannot hold fails here, early.
    """
    copied: dict[str, Any] = json.loads(canonical_json(to_jsonable_python(value or {})))
    return copied
