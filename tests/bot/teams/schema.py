"""Adaptive Card 1.5 and Teams manifest validation against the shared schemas."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, Draft6Validator, Draft7Validator
from jsonschema.protocols import Validator

SCHEMAS = Path(__file__).resolve().parents[3].parent / "shared" / "schemas"


@functools.cache
def validator(name: str) -> Validator:
    path = SCHEMAS / name
    assert path.is_file(), f"{path} is missing: the shared schemas must sit beside the repo"
    schema = json.loads(path.read_text(encoding="utf-8"))
    drafts = {"draft-04": Draft4Validator, "draft-06": Draft6Validator}
    declared = str(schema.get("$schema", ""))
    cls = next((v for k, v in drafts.items() if k in declared), Draft7Validator)
    cls.check_schema(schema)
    return cls(schema)


def card_errors(card: Any) -> list[str]:
    """Why `card` is not a valid Adaptive Card 1.5 (empty when it is)."""
    found = validator("adaptive-card-1.5.0.json").iter_errors(card)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]


def manifest_errors(manifest: Any, name: str) -> list[str]:
    found = validator(name).iter_errors(manifest)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]
