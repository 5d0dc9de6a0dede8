"""Front matter of a policy file: YAML between `---` lines, validated with pydantic."""

from __future__ import annotations

import re
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from knowledge.dates import PartialDate
from knowledge.models import DocumentInfo


class FrontMatterError(ValueError):
    """The file has no usable front matter; the message says what to fix."""


class FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    council: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    council_name: str = Field(min_length=1)
    title: str = Field(min_length=1)
    numbered: bool
    source: str = Field(min_length=1)
    adopted: PartialDate | None = None
    last_reviewed: PartialDate | None = None
    review_due: PartialDate | None = None
    notes: str = ""

    @field_validator("adopted", "last_reviewed", "review_due", mode="before")
    @classmethod
    def _date(cls, value: Any) -> PartialDate | None:
        return None if value is None else PartialDate.parse(value)

    def info(self) -> DocumentInfo:
        # model_dump() would turn the PartialDate dataclasses into dicts.
        return DocumentInfo(**{name: getattr(self, name) for name in type(self).model_fields})


def split(text: str) -> tuple[FrontMatter, str, int]:
    """Return the validated front matter, the body, and the body's first line number."""
    text = text.removeprefix("\ufeff")  # Windows editors save a byte-order mark
    match = re.match(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", text, re.DOTALL)
    if not match:
        raise FrontMatterError("no front matter: the file must start with a '---' YAML block")
    try:
        # BaseLoader keeps every value a string, so pydantic validates dates (and names the
        # field) instead of YAML failing first on "2024-02-30".
        raw = yaml.load(match.group(1), Loader=yaml.BaseLoader) or {}
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise FrontMatterError("front matter must be a mapping of fields")
    try:
        meta = FrontMatter.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise FrontMatterError(f"front matter: {problems}") from exc
    return meta, text[match.end() :], match.group(0).count("\n") + 1
