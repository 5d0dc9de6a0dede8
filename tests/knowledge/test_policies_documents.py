"""The five bundled policies as a set: their files, clause counts, ids and order, and the
dates and flags in their front matter."""

from __future__ import annotations

import pytest

from knowledge.dates import PartialDate
from knowledge.parse import load, policy_files
from tests.knowledge.policy_support import CLAUSE_COUNTS, POLICIES, documents, shared_policies

# -- the set of documents ----------------------------------------------------------------------


def test_policy_files_are_the_five_councils() -> None:
    names = [p.name for p in policy_files(POLICIES)]
    assert names == ["crewe.md", "croft.md", "flitwick.md", "rugeley.md", "watton.md"]


def test_council_slug_matches_file_name() -> None:
    for path in policy_files(POLICIES):
        assert load(path).info.council == path.stem


@pytest.mark.parametrize(("council", "count"), sorted(CLAUSE_COUNTS.items()))
def test_clause_count(council: str, count: int) -> None:
    assert len(documents()[council].clauses) == count


@pytest.mark.parametrize("council", sorted(CLAUSE_COUNTS))
def test_ids_unique_and_prefixed(council: str) -> None:
    found = [c.id for c in documents()[council].clauses]
    assert len(found) == len(set(found))
    assert all(cid.startswith(f"{council}/") for cid in found)


@pytest.mark.parametrize("council", sorted(CLAUSE_COUNTS))
def test_no_parser_problems(council: str) -> None:
    assert documents()[council].problems == []


@pytest.mark.parametrize("council", sorted(CLAUSE_COUNTS))
def test_order_is_position(council: str) -> None:
    assert [c.order for c in documents()[council].clauses] == list(
        range(len(documents()[council].clauses))
    )


# -- front matter ------------------------------------------------------------------------------


def test_front_matter_dates() -> None:
    info = {council: d.info for council, d in documents().items()}
    assert info["crewe"].adopted == PartialDate(2020, 3, 31)
    assert info["crewe"].review_due == PartialDate(2021, 6)
    assert str(info["crewe"].review_due) == "June 2021"
    assert info["rugeley"].adopted == PartialDate(2018, 2)
    assert info["rugeley"].last_reviewed == PartialDate(2024, 5, 8)
    assert info["rugeley"].review_due == PartialDate(2024, 6, 30)
    assert info["watton"].adopted == PartialDate(2022, 11, 8)
    assert info["flitwick"].adopted is None
    assert info["flitwick"].last_reviewed is None
    assert info["flitwick"].review_due is None
    assert info["croft"].adopted is None
    assert info["croft"].review_due is None


def test_numbered_flags() -> None:
    flags = {council: d.info.numbered for council, d in documents().items()}
    assert flags == {
        "crewe": False,
        "croft": True,
        "flitwick": False,
        "rugeley": True,
        "watton": True,
    }


@pytest.mark.parametrize("council", sorted(CLAUSE_COUNTS))
def test_source_file_exists(council: str) -> None:
    source = documents()[council].info.source
    assert (shared_policies() / source).is_file(), f"{council}: source {source} not in shared"
