"""`clerkbot import`: a council's own document in, a checked policy file and a report out,
and the council answered from it at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main

ONBOARDING = Path(__file__).resolve().parents[3].parent / "shared" / "onboarding"


def published(name: str, tmp_path: Path) -> Path:
    """The onboarding text as a council would have it: without the `# source:` lines."""
    text = (ONBOARDING / "dev-policies" / f"{name}.txt").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith(("# source:", "# council:"))]
    path = tmp_path / f"{name}.txt"
    path.write_text("\n".join(kept), encoding="utf-8")
    return path


def test_import_writes_checks_reports_and_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = published("east-bergholt", tmp_path)
    out = tmp_path / "policies"
    code = main(["import", str(source), "--council", "east-bergholt", "--out", str(out)])
    shown = capsys.readouterr().out
    assert code == 0, shown
    assert (out / "east-bergholt.md").is_file()
    assert shown.startswith(f"Imported east-bergholt.txt → {out / 'east-bergholt.md'}")
    assert '  East Bergholt Parish Council: "Information Technology, Communications and' in shown
    assert "unnumbered: cited by heading and point" in shown
    assert "  adopted: not stated in the document" in shown  # "[Insert date]" is no date
    assert "check: 0 errors" in shown and "ready to answer from" in shown
    # What each workflow rests on in this policy, and where it is silent.
    assert "software.permission" in shown and '"avoid installing unauthorised software"' in shown
    assert "warning: no clause on what to do when a virus is suspected" in shown
    monkeypatch.setenv("CLERKBOT_POLICIES_DIR", str(out))
    question = "what should i do when i walk away from my desk?"
    assert main(["ask", question, "--council", "east-bergholt", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert "lock computers when leaving desks" in answer["citations"][0]["text"]


def test_several_files_make_one_councils_policy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    email = tmp_path / "email.txt"
    email.write_text("Email Policy\n\n1. Use your council address for council business.\n")
    social = tmp_path / "social.md"
    social.write_text("# Social Media Policy\n\nNever post while angry.\n\nBe polite online.\n")
    code = main(["import", str(email), str(social), "--council", "anytown", "--out", str(tmp_path)])
    shown = capsys.readouterr().out
    assert code == 0, shown
    assert "Imported email.txt, social.md" in shown
    written = (tmp_path / "anytown.md").read_text()
    assert "Use your council address" in written and "Be polite online." in written
    assert 'no council name found: using "Anytown Council" (pass --name)' in shown


def test_an_existing_policy_is_replaced_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = published("barrington", tmp_path)
    args = ["import", str(source), "--council", "barrington", "--out", str(tmp_path)]
    (tmp_path / "barrington.md").write_text("a Clerk's own edits")
    assert main(args) == 2
    assert "already exists (pass --force to replace it)" in capsys.readouterr().out
    assert (tmp_path / "barrington.md").read_text() == "a Clerk's own edits"
    assert main([*args, "--force", "--name", "Barrington Parish Council"]) == 0
    assert "council_name: Barrington Parish Council" in (tmp_path / "barrington.md").read_text()


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.txt", b"\n  \n", "holds no text"),
        ("scan.pdf", b"%PDF-1.4 garbage", "not a readable PDF"),
        ("policy.pages", b"whatever", "can't read .pages"),
    ],
)
def test_an_unusable_document_writes_nothing_and_says_why(
    name: str, content: bytes, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out"
    assert main(["import", str(path), "--council", "anytown", "--out", str(out)]) == 2
    shown = capsys.readouterr().out
    assert shown.startswith("clerkbot: can't import:") and says in shown
    assert not out.exists()


def test_a_bad_slug_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.txt"
    path.write_text("Email\n\nBe polite when you write to residents about the council.\n")
    assert main(["import", str(path), "--council", "Any Town", "--out", str(tmp_path)]) == 2
    assert "can't import" in capsys.readouterr().out
    assert list(tmp_path.glob("*.md")) == []
