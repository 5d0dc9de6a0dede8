"""`python -m bench`: what a part needs is checked before anything runs, and a short
requests run on SQLite writes requests.json beside --out."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from bench import ROOT
from bench.__main__ import DEFAULT_QUESTIONS, main
from bench.events import watton_questions


@pytest.fixture(autouse=True)
def _no_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # No PostgreSQL from the environment or a .env file in the working folder.
    monkeypatch.delenv("CLERKBOT_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(
    "argv",
    [
        ["--part", "requests"],
        ["--part", "all"],
        ["--part", "load", "--replicas", "1", "2"],
        ["--part", "load", "--backend", "postgresql"],
    ],
)
def test_postgresql_asked_for_and_not_configured_is_a_clear_error(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert "PostgreSQL is not configured" in error
    assert "--database-url" in error
    assert "CLERKBOT_DATABASE_URL" in error
    assert not Path("bench-results").exists()


def test_a_database_url_that_is_not_postgresql_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--part", "requests", "--database-url", "sqlite:///x.db"]) == 2
    assert "not PostgreSQL" in capsys.readouterr().err


def test_a_missing_question_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--part", "slack", "--questions", str(tmp_path / "none.jsonl")]) == 2
    assert "no question file" in capsys.readouterr().err


def test_the_default_questions_are_in_the_repository() -> None:
    assert DEFAULT_QUESTIONS.is_file()
    assert watton_questions(DEFAULT_QUESTIONS)  # the Slack benchmarks ask Watton's


def test_requests_on_sqlite_writes_requests_json(tmp_path: Path) -> None:
    out = tmp_path / "results" / "ask.json"
    argv = ["--part", "requests", "--backend", "sqlite", "--cycles", "4", "--concurrency", "2"]

    assert main([*argv, "--out", str(out)]) == 0

    (result,) = json.loads((tmp_path / "results" / "requests.json").read_text("utf-8"))
    assert result["backend"] == "sqlite"
    assert result["cycles"] == 4
    assert not out.exists()


def test_the_product_never_imports_the_benchmarks_or_the_fake() -> None:
    # They are not installed: an import from the product would break every deployment.
    outside = {"bench", "testing", "tests"}
    found = []
    for package in ("bot", "knowledge", "workflows"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                found += [f"{path}: {n}" for n in names if n.split(".")[0] in outside]
    assert found == []
