"""The personal press release's checks: each cites its clause, and runs only where it applies."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.library import Library
from tests.workflows.bindings import WATTON_STATEMENT as STATEMENT
from tests.workflows.bindings import policy
from workflows.press_release import CHECKS, PRESS_RELEASE, append_statement, check
from workflows.spec import Finding
from workflows.topics import Bindings, BoundClause, Policy

BODY = "I am delighted that the new play area on the Recreation Ground is open at last. "
GOOD = {"headline": "Play area opens", "body": BODY + STATEMENT + ".", "signatory": "Chris Smith"}


def release(**changes: Any) -> dict[str, Any]:
    return {**GOOD, "photos": False, **changes}


def failed(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if not f.ok]


def test_a_good_release_passes_every_check_and_each_cites_its_clause() -> None:
    findings = check(release(), policy(PRESS_RELEASE, "watton"))
    assert failed(findings) == []
    assert [f.clause_id for f in findings] == [
        "watton/3.7",
        "watton/3.7",
        "watton/11.1(g)",
        "watton/13.3",
    ]


# The signature -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "signatory", ["Cllr Chris Smith", "Councillor Chris Smith", "Chris Smith, cllr.", "CLLR SMITH"]
)
def test_signed_with_the_title_is_blocking(signatory: str) -> None:
    [finding] = failed(check(release(signatory=signatory), policy(PRESS_RELEASE, "watton")))
    assert finding.blocking and finding.clause_id == "watton/3.7"
    assert 'Signed with "Councillor" or "Cllr"' in finding.message
    assert finding.fix is None  # only the councillor can re-sign it


@pytest.mark.parametrize("signatory", ["Chris Smith", "Chris Cllrson", "Councillorsworth Jones"])
def test_a_personal_signature_passes(signatory: str) -> None:
    assert failed(check(release(signatory=signatory), policy(PRESS_RELEASE, "watton"))) == []


# The statement --------------------------------------------------------------------------


def test_the_exact_statement_is_required() -> None:
    [finding] = failed(check(release(body=BODY), policy(PRESS_RELEASE, "watton")))
    assert finding.blocking and finding.clause_id == "watton/3.7"
    assert finding.message == f'Missing the sentence "{STATEMENT}".'
    assert (finding.fix, finding.fix_label) == ("append-statement", "Append the statement")


@pytest.mark.parametrize(
    "ending",
    [
        "This is a personal statement.",
        "This is a personal statement and not the view of the Town Council.",
        "This is a personal statement and is not necessarily the view of the Council.",
    ],
)
def test_a_paraphrase_of_the_statement_is_not_enough(ending: str) -> None:
    [finding] = failed(check(release(body=BODY + ending), policy(PRESS_RELEASE, "watton")))
    assert finding.fix == "append-statement"


def test_the_statement_may_wrap_across_lines() -> None:
    wrapped = (
        BODY
        + "\n\nThis is a personal statement and is not\nnecessarily the view of the Town Council."
    )
    assert failed(check(release(body=wrapped), policy(PRESS_RELEASE, "watton"))) == []


def test_appending_the_statement_satisfies_the_check_once() -> None:
    fixed = append_statement(release(body=BODY), policy(PRESS_RELEASE))
    assert fixed["body"] == f"{BODY.rstrip()}\n\n{STATEMENT}."
    assert failed(check(fixed, policy(PRESS_RELEASE, "watton"))) == []
    assert append_statement(fixed, policy(PRESS_RELEASE)) == fixed


def test_the_statement_is_the_one_in_the_policy(library: Library) -> None:
    clause = library.clause("watton/3.7")
    assert clause is not None
    assert f'"{STATEMENT}"' in clause.text
    assert "without the word Councillor" in clause.text


# Personal data ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "kinds"),
    [
        ("Write to jo.bloggs@example.org for details. ", "email addresses"),
        ("Ring Mrs Jones on 01953 881234. ", "phone numbers"),
        ("Call +44 7700 900123 any time. ", "phone numbers"),
        ("Contact a@b.co.uk or 07700-900-123. ", "email addresses and phone numbers"),
    ],
)
def test_emails_and_phone_numbers_are_flagged(extra: str, kinds: str) -> None:
    [finding] = failed(check(release(body=extra + GOOD["body"]), policy(PRESS_RELEASE, "watton")))
    assert finding.message.startswith(f"Contains {kinds}:")
    assert finding.clause_id == "watton/11.1(g)"
    assert not finding.blocking  # a warning: it may be the councillor's own details


def test_numbers_that_are_not_phone_numbers_are_not_flagged() -> None:
    body = "In 2026, 1,250 residents and 12 groups raised £30,000 for it. " + GOOD["body"]
    assert failed(check(release(body=body), policy(PRESS_RELEASE, "watton"))) == []


# Speaking for the council -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "quoted"),
    [
        ("On behalf of the Town Council, I welcome it. ", "On behalf of the Town Council"),
        ("The council's position is clear. ", "The council's position"),
        ("This is the official view. ", "official view"),
        ("The town council has decided to fund it. ", "The town council has decided"),
    ],
)
def test_speaking_for_the_council_is_flagged(claim: str, quoted: str) -> None:
    [finding] = failed(check(release(body=claim + GOOD["body"]), policy(PRESS_RELEASE, "watton")))
    assert finding.message.startswith(f'"{quoted}" reads as speaking for the council')
    assert finding.clause_id == "watton/13.3" and not finding.blocking


def test_the_statement_itself_is_not_speaking_for_the_council() -> None:
    # "...not necessarily the view of the Town Council" must not trip the check.
    assert all(f.ok for f in check(release(), policy(PRESS_RELEASE, "watton")))


# Photographs --------------------------------------------------------------------------------


def test_photographs_need_the_clerks_permission() -> None:
    [finding] = failed(check(release(photos=True), policy(PRESS_RELEASE, "watton")))
    assert finding.clause_id == "watton/3.4"
    assert "Photographs relating to council matters need the Clerk's permission" in (
        finding.message
    )
    assert not any(
        f.clause_id == "watton/3.4"
        for f in check(release(photos=False), policy(PRESS_RELEASE, "watton"))
    )


# Only where the policy has the rule ---------------------------------------------------------


EVERYTHING_WRONG = {
    "headline": "Play area opens",
    "body": "On behalf of the Town Council: call 01953 881234 or me@example.org.",
    "signatory": "Cllr Chris Smith",
    "photos": True,
}


@pytest.mark.parametrize(
    ("council", "clauses"),
    [
        (
            "watton",
            ["watton/3.7", "watton/3.7", "watton/11.1(g)", "watton/13.3", "watton/3.4"],
        ),
        ("croft", ["croft/9/1"]),
        ("rugeley", ["rugeley/4.3", "rugeley/4.9/11"]),
        (
            "crewe",
            ["crewe/personal-guidance-for-councillors-using-digital-channels-and-social-media/14"],
        ),
        (
            "flitwick",
            [
                "flitwick/personal-guidance-for-councillors-using-digital-channels-and-"
                "social-media/14"
            ],
        ),
        ("nowhere", []),
    ],
)
def test_checks_run_only_where_the_councils_policy_has_the_rule(
    council: str, clauses: list[str]
) -> None:
    findings = check(EVERYTHING_WRONG, policy(PRESS_RELEASE, council))
    assert [f.clause_id for f in findings] == clauses
    assert failed(findings) == findings


def test_only_wattons_rules_block_sending() -> None:
    assert any(f.blocking for f in check(EVERYTHING_WRONG, policy(PRESS_RELEASE, "watton")))
    for council in ("croft", "rugeley", "crewe", "flitwick"):
        assert not any(f.blocking for f in check(EVERYTHING_WRONG, policy(PRESS_RELEASE, council)))


@pytest.mark.parametrize("council", ["watton", "croft", "rugeley", "crewe", "flitwick"])
def test_every_finding_cites_a_clause_that_exists(council: str, library: Library) -> None:
    for finding in check(EVERYTHING_WRONG, policy(PRESS_RELEASE, council)):
        assert finding.clause_id is not None, finding.message
        clause = library.clause(finding.clause_id)
        assert clause is not None and clause.council == council


def test_an_empty_form_has_nothing_to_check() -> None:
    assert check({}, policy(PRESS_RELEASE, "watton")) == []


# The statement is the policy's own ----------------------------------------------------------

ASHBY = "These are my own views and not those of Ashby Parish Council"


def ashby(text: str) -> Policy:
    """Ashby's policy, whose statement clause says `text`."""
    clause = BoundClause("ashby/3.1", "§3.1", text, order=3)
    bound = {"ashby": {"press_release.statement": (clause,)}}
    return Bindings(bound).policy("ashby", "press_release")


@pytest.mark.parametrize("quote", ['"{}"', "\u201c{}.\u201d"])
def test_the_sentence_checked_is_the_one_the_councils_clause_quotes(quote: str) -> None:
    policy = ashby("Each release must end with the statement: " + quote.format(ASHBY))
    [finding] = failed(check(release(), policy))  # Watton's sentence is not Ashby's
    assert finding.message == f'Missing the sentence "{ASHBY}".'
    assert finding.clause_id == "ashby/3.1" and finding.blocking
    fixed = append_statement(release(body=BODY), policy)
    assert fixed["body"] == f"{BODY.rstrip()}\n\n{ASHBY}."
    assert failed(check(fixed, policy)) == []


def test_a_statement_clause_quoting_no_sentence_means_no_statement_check() -> None:
    policy = ashby("Personal releases should make clear that they are personal views.")
    assert check(release(body=BODY), policy) == []
    assert append_statement(release(body=BODY), policy) == release(body=BODY)


def test_a_clause_bound_by_mistake_imposes_nothing_it_does_not_say() -> None:
    unrelated = BoundClause("ashby/9.1", "§9.1", "Allotment rents are due on 1 October.")
    bound = {f"press_release.{name}": (unrelated,) for name in CHECKS}
    assert (
        check(EVERYTHING_WRONG, Bindings({"ashby": bound}).policy("ashby", "press_release")) == []
    )
