"""What the bundled-policy tests share: the five documents, loaded once, their clause counts,
and their .txt sources (shared/policies beside the repository)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from knowledge.models import Clause, PolicyDocument
from knowledge.parse import load, policy_files

REPO_ROOT = Path(__file__).resolve().parents[2]
POLICIES = REPO_ROOT / "knowledge" / "policies"
SHARED_POLICIES = REPO_ROOT.parent / "shared" / "policies"

CLAUSE_COUNTS = {"crewe": 233, "croft": 73, "flitwick": 239, "rugeley": 57, "watton": 117}

# Rugeley's PDF repeats these lines as a page header; they may split a sentence (4.5).
RUGELEY_PAGE_HEADER = {"Social Media and IT Policy", "Rugeley Town Council"}
RUGELEY_MANUAL_ROW = "RUGELEY TOWN COUNCIL MANUAL"


def norm(s: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s.lower()).split())


@cache
def documents() -> dict[str, PolicyDocument]:
    docs = [load(path) for path in policy_files(POLICIES)]
    return {d.info.council: d for d in docs}


def clauses(council: str) -> dict[str, Clause]:
    return {c.id: c for c in documents()[council].clauses}


def shared_policies() -> Path:
    if not SHARED_POLICIES.is_dir():
        pytest.fail(
            f"source texts not found: expected the folder {SHARED_POLICIES} "
            "(shared/policies beside the repository) holding the policies' .txt sources"
        )
    return SHARED_POLICIES


def source_text(document: PolicyDocument) -> str:
    path = shared_policies() / document.info.source
    if not path.is_file():
        pytest.fail(f"{document.info.council}: front matter source {path} does not exist")
    text = path.read_text(encoding="utf-8")
    if document.info.council == "rugeley":
        text = "\n".join(
            line
            for line in text.splitlines()
            if line.strip() not in RUGELEY_PAGE_HEADER and RUGELEY_MANUAL_ROW not in line
        )
    return text
