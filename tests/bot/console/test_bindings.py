"""The workflows' topics as the Clerk sees them: `index --check` names each topic's clause and
how sure the binding is, warns where no clause was found (the workflow still runs and says
the policy is silent), and a council's own press-release sentence is the one checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import cli
from bot.app import Core
from bot.console.bindings import report_bindings
from bot.settings import Settings
from knowledge.answer import Answerer
from knowledge.library import Library, bundled_policies
from tests.bot.console.conftest import FIXED, Script, memory_core
from tests.workflows.bindings import WATTON_STATEMENT
from tests.workflows.store.support import FakeClock

ASHBY = "These are my own views and not those of Ashby Parish Council"


def test_the_report_names_each_topics_clause_and_how_sure(
    library: Library, answerer: Answerer
) -> None:
    said = report_bindings(library, "watton", answerer=answerer)
    assert said[0] == "watton (Watton Town Council): the clause each workflow topic rests on"
    assert len(said) == 13, said  # a line per topic: Watton has a clause for each
    [software] = [line for line in said if "software.permission" in line]
    assert re.fullmatch(
        r'  software\.permission +§5\.2 \(0\.\d\d\): "You must not download or install '
        r'software from external sour…"',
        software,
    ), software
    [speaking] = [line for line in said if "speaking_for" in line]
    assert '§13.3 (override): "You must not express opinions on our behalf' in speaking


def test_the_report_warns_where_no_clause_was_found(library: Library, answerer: Answerer) -> None:
    said = report_bindings(library, "croft", answerer=answerer)
    [virus] = [line for line in said if line.startswith("  virus.suspected")]
    assert re.search(r"none found \(nearest: §.+, 0\.\d\d\)$", virus), virus
    warning = (
        "  warning: no clause on what to do when a virus is suspected: the suspected virus "
        "report will say the policy is silent on it"
    )
    assert said[said.index(virus) + 1] == warning
    [signature] = [line for line in said if "press_release.signature" in line]
    assert signature.endswith(
        "none (override): the policy is silent on how a personal press release is signed"
    )
    assert not any("signed" in line for line in said if line.startswith("  warning"))


async def test_a_council_silent_on_a_topic_still_runs_the_workflow_and_says_so(
    tmp_path: Path, clock: FakeClock, library: Library
) -> None:
    settings = Settings(**{**FIXED, "council": "croft"}, data_dir=tmp_path, database_url=None)
    core = await memory_core(settings, clock, library)
    out = await Script(core, clock).lines("Report a suspected virus")
    assert out[0].startswith("⚠ First, stop using it: switch the equipment off")
    assert out[1] == (
        "Suspected virus report. Suspected viruses are urgent: the Clerk and the IT service "
        "provider hear at once.\nYour council's policy is silent on this: it says nothing "
        "about what to do when a virus is suspected."
    )
    assert out[-1].startswith("(1/5) Which device is affected?")


@pytest.fixture
def ashby(tmp_path: Path) -> Path:
    """A council whose policy is Watton's, but for the sentence its press releases carry."""
    folder = tmp_path / "policies"
    folder.mkdir()
    text = (bundled_policies() / "watton.md").read_text("utf-8")
    text = text.replace("council: watton", "council: ashby").replace(
        "Watton Town Council", "Ashby Parish Council"
    )
    assert WATTON_STATEMENT in text
    (folder / "ashby.md").write_text(text.replace(WATTON_STATEMENT, ASHBY), "utf-8")
    return folder


async def test_the_statement_checked_is_the_one_the_councils_policy_quotes(
    ashby: Path, tmp_path: Path, clock: FakeClock
) -> None:
    settings = Settings(
        **{**FIXED, "council": "ashby", "policies_dir": ashby},
        data_dir=tmp_path / "data",
        database_url=None,
    )
    core: Core = await memory_core(settings, clock, Library.load(ashby))
    s = Script(core, clock, "councillor")
    await s.run("I want to put out a press release", "Play area opens")
    out = await s.run("I am delighted the play area is open at last.", "Chris Smith", "no")
    assert f'✗ Missing the sentence "{ASHBY}".' in out
    assert WATTON_STATEMENT not in out
    out = await s.say("Append the statement")
    assert "✓ Contains the personal-statement sentence." in out and f"{ASHBY}." in out


def test_index_check_reports_every_council_and_fails_on_a_bad_override(
    ashby: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["index", "--check", str(ashby)]) == 0
    out = capsys.readouterr().out
    assert "ashby (Ashby Parish Council): the clause each workflow topic rests on" in out
    assert re.search(r"  press_release\.statement +§3\.7 \(0\.\d\d\): ", out), out

    (ashby / "ashby.topics.toml").write_text('[press_release]\nstatement = "§99.9"\n', "utf-8")
    assert cli.main(["index", "--check", str(ashby)]) == 1
    out = capsys.readouterr().out
    assert (
        "workflow topics: error: ashby.topics.toml: press_release.statement names '§99.9', "
        "which is not a clause of ashby's policy"
    ) in out

    (ashby / "ashby.topics.toml").write_text('[press_release]\nstatement = "3.7"\n', "utf-8")
    assert cli.main(["index", "--check", str(ashby)]) == 0
    assert re.search(r"  press_release\.statement +§3\.7 \(override\): ", capsys.readouterr().out)
