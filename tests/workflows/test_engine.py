"""The pure form engine: a DraftState and a line of text in, a new state and what to say out."""

from __future__ import annotations

import json

import pytest

from tests.workflows.bindings import WATTON_STATEMENT as STATEMENT
from tests.workflows.bindings import policy
from workflows import engine
from workflows.abusive_post import ABUSIVE_POST, DANGER
from workflows.engine import Ask, Cited, DraftState, EditMenu, Say, Step, Summary
from workflows.press_release import PRESS_RELEASE
from workflows.software import SOFTWARE
from workflows.spec import WorkflowSpec
from workflows.virus import VIRUS

ZOOM = ["Zoom", "Zoom Workplace 6.2", "Remote committee meetings", "Office laptop", "Free", "no"]
RELEASE_BODY = "I am delighted that the new play area on the Recreation Ground is open at last."


def play(spec: WorkflowSpec, answers: list[str], council: str = "watton") -> Step:
    """Begin, then answer each line in turn; every intermediate step must keep a state."""
    result = engine.begin(spec, policy(spec, council))
    for text in answers:
        assert result.state is not None, f"the form ended before {text!r}"
        result = engine.step(spec, result.state, text, policy(spec, council))
    return result


def asked(result: Step) -> Ask:
    last = result.says[-1]
    assert isinstance(last, Ask), result.says
    return last


def summary(result: Step) -> Summary:
    last = result.says[-1]
    assert isinstance(last, Summary), result.says
    return last


def state(result: Step) -> DraftState:
    assert result.state is not None
    return result.state


# Beginning ----------------------------------------------------------------------------


def test_begin_cites_the_clauses_then_asks_the_first_question() -> None:
    result = engine.begin(SOFTWARE, policy(SOFTWARE, "watton"))
    cited, first = result.says
    assert isinstance(cited, Cited) and cited.clause_ids == ("watton/5.2",)
    assert isinstance(first, Ask)
    assert (first.field.name, first.number, first.total, first.error) == ("name", 1, 6, None)
    assert state(result).stage == "fields" and state(result).data == {}


@pytest.mark.parametrize(
    ("council", "words"),
    [("watton", "stop using the computer immediately"), ("crewe", "switch the equipment off")],
)
def test_the_virus_safety_instruction_comes_before_anything_else(council: str, words: str) -> None:
    says = engine.begin(VIRUS, policy(VIRUS, council)).says
    assert isinstance(says[0], Say) and says[0].tone == "warning"
    assert words in says[0].text
    assert [type(s) for s in says] == [Say, Cited, Ask]
    assert isinstance(says[1], Cited) and says[1].clause_ids == policy(VIRUS, council).cited


def test_the_abusive_post_report_says_999_first() -> None:
    says = engine.begin(ABUSIVE_POST, policy(ABUSIVE_POST, "rugeley")).says
    assert isinstance(says[0], Say) and says[0].text == DANGER and "999" in DANGER
    assert isinstance(says[1], Cited)
    assert says[1].clause_ids == ("rugeley/4.5", "rugeley/5.3", "rugeley/5.4")


def test_a_council_without_a_clause_cites_nothing_but_still_asks() -> None:
    says = engine.begin(VIRUS, policy(VIRUS, "croft")).says
    assert isinstance(says[1], Cited) and says[1].clause_ids == ()
    assert isinstance(says[-1], Ask) and says[-1].field.name == "device"


def test_prefilled_fields_are_skipped() -> None:
    result = engine.begin(SOFTWARE, policy(SOFTWARE, "watton"), {"name": "Zoom"})
    assert asked(result).field.name == "version"
    assert (asked(result).number, state(result).data) == (2, {"name": "Zoom"})
    everything = dict(zip([f.name for f in SOFTWARE.fields[:5]], ZOOM[:5], strict=True))
    full = engine.begin(
        SOFTWARE, policy(SOFTWARE, "watton"), {**everything, "personal_data": False}
    )
    assert summary(full).data["personal_data"] is False and state(full).stage == "confirm"


# Answering ----------------------------------------------------------------------------


def test_answers_move_through_the_fields_in_order() -> None:
    result = play(SOFTWARE, ZOOM[:3])
    assert asked(result).field.name == "devices" and asked(result).number == 4
    assert state(result).data == {
        "name": "Zoom",
        "version": "Zoom Workplace 6.2",
        "purpose": "Remote committee meetings",
    }


@pytest.mark.parametrize(
    ("spec", "before", "bad", "says"),
    [
        (SOFTWARE, [], "Z", "too short: it needs at least 2 characters"),
        (SOFTWARE, ZOOM[:5], "maybe", "please answer yes or no"),
        (ABUSIVE_POST, ["facebook"], "facebook.com/x", "doesn't look like a web link"),
        (ABUSIVE_POST, [], "MySpace", "please pick one of: Facebook, X (Twitter), Instagram"),
        (PRESS_RELEASE, ["Play area opens"], "Too short.", "too short"),
    ],
)
def test_an_invalid_answer_says_what_is_wrong_and_asks_again(
    spec: WorkflowSpec, before: list[str], bad: str, says: str
) -> None:
    ready = play(spec, before)
    result = engine.step(spec, state(ready), bad, policy(spec))
    again = asked(result)
    assert again.field == asked(ready).field and again.number == asked(ready).number
    assert again.error is not None and says in again.error
    assert again.field.example  # the caller shows the example beside the error
    assert state(result) == state(ready)


def test_a_long_answer_is_refused_with_the_limit() -> None:
    result = play(SOFTWARE, ["x" * 201])
    assert asked(result).field.name == "name"
    assert "too long: it can have at most 200 characters" in (asked(result).error or "")


def test_yes_no_and_choices_are_parsed() -> None:
    result = play(ABUSIVE_POST, ["2", "skip", "It calls the clerk a liar", "A councillor"])
    data = state(result).data
    assert data == {
        "platform": "x",
        "link": None,
        "content": "It calls the clerk a liar",
        "target": "councillor",
    }
    assert state(play(SOFTWARE, [*ZOOM[:5], "Yes."])).data["personal_data"] is True


def test_the_engine_does_not_change_the_state_it_was_given() -> None:
    ready = play(SOFTWARE, ZOOM[:2])
    before = state(ready).model_dump()
    engine.step(SOFTWARE, state(ready), "Meetings", policy(SOFTWARE))
    engine.step(SOFTWARE, state(ready), "back", policy(SOFTWARE))
    assert state(ready).model_dump() == before


def test_the_state_survives_a_round_trip_through_json() -> None:
    ready = play(SOFTWARE, ZOOM[:4])
    restored = DraftState.model_validate(json.loads(json.dumps(state(ready).model_dump())))
    assert restored == state(ready)
    assert engine.resume(SOFTWARE, restored, policy(SOFTWARE)) == [asked(ready)]
    result = engine.step(SOFTWARE, restored, "Free", policy(SOFTWARE))
    result = engine.step(SOFTWARE, state(result), "no", policy(SOFTWARE))
    assert summary(result).data["cost"] == "Free"


# Back, skip, help, cancel -------------------------------------------------------------


def test_back_returns_to_the_previous_question_and_keeps_the_answers() -> None:
    result = play(SOFTWARE, [*ZOOM[:3], "back"])
    assert asked(result).field.name == "purpose"
    assert state(result).data["purpose"] == "Remote committee meetings"
    result = engine.step(SOFTWARE, state(result), "back", policy(SOFTWARE))
    assert asked(result).field.name == "version"
    result = engine.step(SOFTWARE, state(result), "Zoom 6.3", policy(SOFTWARE))
    # Answers already given are kept: on to the first question not yet answered.
    assert asked(result).field.name == "devices"
    assert state(result).data["version"] == "Zoom 6.3"
    assert state(result).data["purpose"] == "Remote committee meetings"


def test_back_at_the_first_question_says_so() -> None:
    result = play(SOFTWARE, ["back"])
    note, again = result.says
    assert isinstance(note, Say) and note.text == "This is the first question."
    assert isinstance(again, Ask) and again.field.name == "name"


def test_skip_leaves_out_an_optional_field() -> None:
    result = play(VIRUS, ["Office laptop", "Pop-ups everywhere", "This morning", "skip"])
    assert state(result).data["trigger"] is None
    assert asked(result).field.name == "personal_data"


def test_skip_is_refused_for_a_required_field() -> None:
    result = play(VIRUS, ["skip"])
    assert asked(result).field.name == "device"
    assert asked(result).error == "this one is needed, so it can't be skipped"
    assert state(result).data == {}


def test_help_explains_the_question_and_asks_it_again() -> None:
    result = play(VIRUS, ["Office laptop", "Pop-ups", "Today", "help"])
    tip, again = result.says
    assert isinstance(tip, Say) and tip.tone == "help"
    assert "For example: An invoice attachment from an unknown sender" in tip.text
    assert "optional: say skip" in tip.text
    assert isinstance(again, Ask) and again.field.name == "trigger" and again.error is None
    required = play(SOFTWARE, ["help"]).says[0]
    assert isinstance(required, Say) and "skip" not in required.text


@pytest.mark.parametrize("word", ["cancel", "Cancel", "stop", "quit"])
def test_cancel_throws_the_draft_away(word: str) -> None:
    result = play(SOFTWARE, [*ZOOM[:2], word])
    assert result.state is None and result.cancelled and result.submit is None
    [said] = result.says
    assert isinstance(said, Say) and said.text == "Cancelled: your software request was not sent."


def test_cancel_works_at_the_summary_too() -> None:
    result = play(SOFTWARE, [*ZOOM, "cancel"])
    assert result.state is None and result.cancelled and result.submit is None


# Summary, edit, confirm ---------------------------------------------------------------


def test_the_last_answer_leads_to_the_summary() -> None:
    result = play(SOFTWARE, ZOOM)
    shown = summary(result)
    assert shown.error is None and shown.findings == []
    assert shown.data == dict(
        zip([f.name for f in SOFTWARE.fields], [*ZOOM[:5], False], strict=True)
    )
    assert state(result).stage == "confirm"


def test_a_reminder_follows_the_answer_that_needs_one() -> None:
    result = play(SOFTWARE, [*ZOOM[:5], "yes"])
    note = result.says[0]
    assert isinstance(note, Say) and note.tone == "warning" and "data protection" in note.text
    assert isinstance(result.says[1], Summary)
    virus = play(VIRUS, ["Laptop", "Pop-ups", "Today", "skip", "yes"])
    assert isinstance(virus.says[0], Say) and "ICO within 72 hours" in virus.says[0].text
    none = play(VIRUS, ["Laptop", "Pop-ups", "Today", "skip", "no"])
    assert [type(s) for s in none.says] == [Summary]


def test_edit_a_field_from_the_summary_then_come_back_to_it() -> None:
    result = play(SOFTWARE, [*ZOOM, "edit"])
    assert isinstance(result.says[-1], EditMenu)
    result = engine.step(
        SOFTWARE, state(result), "edit:purpose", policy(SOFTWARE)
    )  # the menu's button
    assert asked(result).field.name == "purpose"
    result = engine.step(SOFTWARE, state(result), "Staff training sessions", policy(SOFTWARE))
    shown = summary(result)
    assert shown.data["purpose"] == "Staff training sessions"
    assert shown.data["devices"] == "Office laptop"  # nothing after it is asked again
    assert state(result).stage == "confirm" and not state(result).editing


@pytest.mark.parametrize("choice", ["3", "purpose", "Business purpose", "edit:purpose"])
def test_the_edit_menu_takes_a_number_a_name_a_label_or_its_button(choice: str) -> None:
    result = play(SOFTWARE, [*ZOOM, "edit", choice])
    assert asked(result).field.name == "purpose"


def test_edit_straight_from_the_summary_and_an_unknown_choice() -> None:
    result = play(SOFTWARE, [*ZOOM, "edit devices"])
    assert asked(result).field.name == "devices"
    wrong = play(SOFTWARE, [*ZOOM, "edit", "colour"])
    error, menu = wrong.says
    assert isinstance(error, Say) and error.tone == "error" and isinstance(menu, EditMenu)
    back = engine.step(SOFTWARE, state(wrong), "back", policy(SOFTWARE))
    assert summary(back).data["name"] == "Zoom"


def test_an_invalid_edit_keeps_the_old_value() -> None:
    result = play(SOFTWARE, [*ZOOM, "edit:personal_data", "perhaps"])
    assert asked(result).error == "please answer yes or no"
    assert state(result).data["personal_data"] is False


def test_back_from_the_summary_returns_to_the_last_question() -> None:
    result = play(SOFTWARE, [*ZOOM, "back"])
    assert asked(result).field.name == "personal_data"
    result = engine.step(SOFTWARE, state(result), "yes", policy(SOFTWARE))
    assert summary(result).data["personal_data"] is True


def test_anything_else_at_the_summary_explains_the_choices() -> None:
    result = play(SOFTWARE, [*ZOOM, "Zoom Workplace"])
    assert summary(result).error == (
        "Please choose Confirm to send it, Edit to change something, or Cancel."
    )
    assert result.submit is None and state(result).stage == "confirm"
    help_ = play(SOFTWARE, [*ZOOM, "help"])
    assert isinstance(help_.says[0], Say) and "Confirm sends it to the Clerk" in help_.says[0].text


@pytest.mark.parametrize("word", ["confirm", "submit", "yes", "Send it"])
def test_confirm_submits_the_form(word: str) -> None:
    result = play(SOFTWARE, [*ZOOM, word])
    assert result.state is None and not result.cancelled and result.says == []
    assert result.submit == dict(
        zip([f.name for f in SOFTWARE.fields], [*ZOOM[:5], False], strict=True)
    )


# Checks and fixes ---------------------------------------------------------------------


def release(signatory: str, body: str = RELEASE_BODY) -> list[str]:
    return ["Play area opens", body, signatory, "no"]


def test_a_blocking_finding_stops_confirm() -> None:
    result = play(PRESS_RELEASE, [*release("Cllr Chris Smith"), "confirm"])
    shown = summary(result)
    assert result.submit is None and state(result).stage == "confirm"
    assert shown.error == "Please fix what is marked ✗ before sending."
    blocking = [f for f in shown.findings if f.blocking and not f.ok]
    assert {f.clause_id for f in blocking} == {"watton/3.7"}
    assert len(blocking) == 2  # the signature and the missing statement


def test_the_fix_appends_the_statement_then_the_release_can_be_sent() -> None:
    ready = play(PRESS_RELEASE, release("Chris Smith"))
    [missing] = [f for f in summary(ready).findings if not f.ok]
    assert (missing.fix, missing.fix_label) == ("append-statement", "Append the statement")
    fixed = engine.step(PRESS_RELEASE, state(ready), "fix:append-statement", policy(PRESS_RELEASE))
    assert isinstance(fixed.says[0], Say) and fixed.says[0].text == "Done."
    body = summary(fixed).data["body"]
    assert body == f"{RELEASE_BODY}\n\n{STATEMENT}."
    assert all(f.ok for f in summary(fixed).findings)
    again = engine.step(PRESS_RELEASE, state(fixed), "fix:append-statement", policy(PRESS_RELEASE))
    assert summary(again).data["body"] == body  # appended once only
    sent = engine.step(PRESS_RELEASE, state(again), "confirm", policy(PRESS_RELEASE))
    assert sent.submit is not None and sent.submit["body"] == body


def test_an_unknown_fix_is_not_applied() -> None:
    ready = play(PRESS_RELEASE, release("Chris Smith"))
    result = engine.step(
        PRESS_RELEASE, state(ready), "fix:delete-everything", policy(PRESS_RELEASE)
    )
    assert summary(result).error is not None
    assert state(result).data == state(ready).data


def test_verbatim_fields_are_known() -> None:
    at_body = play(PRESS_RELEASE, ["Play area opens"])
    assert engine.expects_verbatim(PRESS_RELEASE, state(at_body))
    assert not engine.expects_verbatim(
        PRESS_RELEASE, state(engine.begin(PRESS_RELEASE, policy(PRESS_RELEASE, "watton")))
    )
    question = "Is this the end of our park?"
    result = engine.step(
        PRESS_RELEASE, state(at_body), question + " " + RELEASE_BODY, policy(PRESS_RELEASE)
    )
    assert state(result).data["body"].startswith(question)
