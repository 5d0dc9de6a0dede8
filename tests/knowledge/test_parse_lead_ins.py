"""knowledge.parse on lead-ins: short qualifiers ("Do:", "Don't:") and the lead-in context a
list's items carry (FORMAT.md)."""

from __future__ import annotations

from tests.knowledge.parse_support import by_id, ids, numbered, unnumbered

# -- short lead-in qualifiers ------------------------------------------------------------------


def test_do_and_dont_qualify_lettered_lists() -> None:
    d = numbered(
        "## 9. Usage\n\n"
        "Councillors need to think.\n\n"
        "Do:\n\n- a. Set privacy settings.\n- b. Watch out.\n\n"
        "Don't:\n\n- a. Blog in haste.\n"
    )
    assert ids(d) == ["x/9/1", "x/9-do(a)", "x/9-do(b)", "x/9-dont(a)"]
    do_a, dont_a = by_id(d)["x/9-do(a)"], by_id(d)["x/9-dont(a)"]
    assert do_a.label == "§9 Do (a)"
    assert dont_a.label == "§9 Don't (a)"
    assert dont_a.text == "Blog in haste."


def test_short_qualifier_is_not_a_clause_but_is_context() -> None:
    # "Don't:" must travel with its items, or a list of don'ts reads as instructions.
    d = numbered("## 9. Usage\n\nDo:\n\n- a. Set privacy settings.\n")
    (clause,) = d.clauses
    assert clause.text == "Set privacy settings."
    assert clause.context == ("Do:",)


def test_qualifier_ends_at_next_paragraph() -> None:
    d = numbered("## 9. Usage\n\nDo:\n\n- a. One.\n\nMore text follows here.\n\n- b. Two.\n")
    assert ids(d) == ["x/9-do(a)", "x/9/1", "x/9(b)"]


def test_dont_qualifier_kept_for_unmarked_items() -> None:
    d = numbered("## 9. Usage\n\nDon't:\n\n- Blog in haste.\n")
    (clause,) = d.clauses
    assert "Don't" in clause.label or "Don't:" in clause.context


def test_short_lead_in_kept_in_unnumbered_document() -> None:
    d = unnumbered("## Misuse\n\nThese include:\n\n- Gambling.\n")
    texts = [c.text for c in d.clauses]
    contexts = [ctx for c in d.clauses for ctx in c.context]
    assert "These include:" in texts + contexts


# -- lead-in context ---------------------------------------------------------------------------


def test_lead_in_colon_attached_to_every_item() -> None:
    lead = "All misuse is prohibited including the following:"
    d = unnumbered(f"## Misuse\n\n{lead}\n\n- Spam.\n- Games.\n")
    assert [c.text for c in d.clauses] == [lead, "Spam.", "Games."]
    assert d.clauses[0].context == ()
    assert [c.context for c in d.clauses[1:]] == [(lead,), (lead,)]


def test_lead_in_semicolon_attached_to_items() -> None:
    lead = "When participating staff must;"
    d = numbered(f"## 4. Rules\n\n4.9 {lead}\n\n- Be respectful.\n")
    assert by_id(d)["x/4.9/1"].context == (lead,)


def test_lead_in_from_numbered_clause_excludes_its_number() -> None:
    d = numbered("## 6. EMAIL\n\n6.6 In general, you should not:\n\n- (a) Send chain mail.\n")
    assert by_id(d)["x/6.6(a)"].context == ("In general, you should not:",)


def test_lead_in_joined_across_lines() -> None:
    d = unnumbered("## Misuse\n\nAll misuse is\nprohibited:\n\n- Spam.\n")
    assert d.clauses[1].context == ("All misuse is prohibited:",)


def test_paragraph_without_colon_is_not_lead_in() -> None:
    d = unnumbered("## Misuse\n\nAll misuse is prohibited.\n\n- Spam.\n")
    assert d.clauses[1].context == ()


def test_lead_in_must_be_immediately_before_the_list() -> None:
    d = unnumbered("## Misuse\n\nThe following:\n\nIntervening paragraph.\n\n- Spam.\n")
    assert d.clauses[-1].context == ()


def test_lead_in_does_not_cross_a_heading() -> None:
    d = unnumbered("## Misuse\n\nThe following apply:\n\n### Examples\n\n- Spam.\n")
    assert d.clauses[-1].context == ()


def test_lead_in_does_not_reach_a_later_list() -> None:
    lead = "These controls will include:"
    d = unnumbered(f"## Security\n\n{lead}\n\n- Locks.\n\nFurther text.\n\n- Backups.\n")
    assert by_id(d)["x/security/2"].context == (lead,)
    assert by_id(d)["x/security/4"].context == ()


def test_nested_items_get_lead_in_and_parent_item() -> None:
    lead = "All misuse is prohibited including the following:"
    parent = "Deliberate actions with any of the following characteristics:"
    d = unnumbered(f"## Misuse\n\n{lead}\n\n- 6. {parent}\n  - Playing games\n- 7. Last.\n")
    clauses = by_id(d)
    assert clauses["x/misuse/item-6"].context == (lead,)
    assert clauses["x/misuse/item-6/1"].context == (lead, parent)
    assert clauses["x/misuse/item-7"].context == (lead,)


def test_parent_item_without_colon_is_not_context() -> None:
    d = numbered("## 3. G\n\n- x. Obscene content\n  - i. Images\n")
    assert by_id(d)["x/3(x)(i)"].context == ()
