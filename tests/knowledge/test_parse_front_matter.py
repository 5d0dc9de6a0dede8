"""knowledge.parse on front matter: the fields read, and every way a block can be missing or
wrong (FORMAT.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.dates import PartialDate
from knowledge.frontmatter import FrontMatterError
from knowledge.parse import load, parse
from tests.knowledge.parse_support import FRONT

# -- front matter ------------------------------------------------------------------------------


def test_front_matter_fields_are_read() -> None:
    text = FRONT.format(numbered="true").replace(
        "source: x.txt\n", "source: x.txt\nadopted: 2022-11-08\nreview_due: 2021-06\n"
    )
    info = parse(text + "1.1 Text.\n").info
    assert info.council == "x"
    assert info.council_name == "X Town Council"
    assert info.title == "Test Policy"
    assert info.numbered is True
    assert info.source == "x.txt"
    assert info.adopted == PartialDate(2022, 11, 8)
    assert info.review_due == PartialDate(2021, 6)
    assert info.last_reviewed is None


def test_front_matter_missing_block() -> None:
    with pytest.raises(FrontMatterError, match=r"no front matter.*'---'"):
        parse("## 1. Intro\n\n1.1 Text.\n")


def test_front_matter_not_first_thing_in_file() -> None:
    with pytest.raises(FrontMatterError, match="no front matter"):
        parse("\n" + FRONT.format(numbered="true") + "1.1 Text.\n")


def test_front_matter_bad_yaml() -> None:
    with pytest.raises(FrontMatterError, match="not valid YAML"):
        parse("---\ncouncil: [x\n---\n1.1 Text.\n")


def test_front_matter_not_a_mapping() -> None:
    with pytest.raises(FrontMatterError, match="mapping"):
        parse("---\n- x\n- y\n---\n1.1 Text.\n")


def test_front_matter_missing_field_is_named() -> None:
    text = FRONT.format(numbered="true").replace("title: Test Policy\n", "")
    with pytest.raises(FrontMatterError, match=r"title: Field required"):
        parse(text + "1.1 Text.\n")


def test_front_matter_missing_fields_all_named() -> None:
    with pytest.raises(FrontMatterError) as caught:
        parse("---\ncouncil: x\n---\n")
    for name in ("council_name", "title", "numbered", "source"):
        assert name in str(caught.value)


def test_front_matter_unknown_field_rejected() -> None:
    text = FRONT.format(numbered="true").replace("source: x.txt\n", "source: x.txt\nvenue: y\n")
    with pytest.raises(FrontMatterError, match="venue"):
        parse(text + "1.1 Text.\n")


@pytest.mark.parametrize("slug", ["Watton", "watton town", "-watton", "watton_tc", "wätton"])
def test_front_matter_bad_slug(slug: str) -> None:
    text = FRONT.format(numbered="true").replace("council: x\n", f"council: {slug}\n")
    with pytest.raises(FrontMatterError, match=r"council: String should match pattern"):
        parse(text + "1.1 Text.\n")


@pytest.mark.parametrize("value", ["June 2024", "2024-13", "08.11.2022", "2024-6"])
def test_front_matter_bad_date(value: str) -> None:
    text = FRONT.format(numbered="true").replace(
        "source: x.txt\n", f"source: x.txt\nadopted: {value}\n"
    )
    with pytest.raises(FrontMatterError, match="adopted") as caught:
        parse(text + "1.1 Text.\n")
    assert "YYYY" in str(caught.value) or "out of range" in str(caught.value)


def test_front_matter_impossible_yaml_date_is_a_front_matter_error() -> None:
    text = FRONT.format(numbered="true").replace(
        "source: x.txt\n", "source: x.txt\nadopted: 2024-02-30\n"
    )
    with pytest.raises(FrontMatterError, match="adopted"):
        parse(text + "1.1 Text.\n")


def test_load_accepts_utf8_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("\ufeff" + FRONT.format(numbered="true") + "1.1 Text.\n", encoding="utf-8")
    assert load(path).info.council == "x"
