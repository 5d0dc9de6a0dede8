"""Reply -> Adaptive Card: valid 1.5 for every kind of reply, text shown exactly as typed."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from bot.core import present
from bot.messages import Button, Reply, ReplyKind, Row
from bot.teams import render
from bot.teams.protocol import MARK
from knowledge.answer import Answerer
from tests.bot.core.long_release import LAST, release_body
from tests.bot.teams.connector import buttons, card_text, unescape
from tests.bot.teams.schema import card_errors
from tests.workflows.bindings import policy
from workflows import engine
from workflows.catalogue import Catalogue

TRICKY = "**URGENT** [click](http://evil.example) <at>Everyone</at> {{DATE(2026-01-01T00:00:00Z)}}"


def choice_buttons(count: int) -> list[Button]:
    return [Button(label=f"Choice {i}", action="reply", value=f"c{i}") for i in range(count)]


def every_kind_of_reply(answerer: Answerer) -> list[Reply]:
    replies = [
        present.answer(answerer.ask("can I use a USB stick?", "watton")),
        present.answer(answerer.ask("what colour is the mayor's cat?", "watton")),
        Reply(kind=ReplyKind.ERROR, text=TRICKY),
        Reply(kind=ReplyKind.WARNING, text="Careful\nsecond line", urgent=True),
        Reply(kind=ReplyKind.HELP, text="help\n- not a list\n1. not a list either"),
        Reply(
            kind=ReplyKind.REQUEST,
            text="SW-0001 · Software request from Sam",
            fields=[Row(label="Software", value=TRICKY)],
            buttons=[
                Button(label="Approve", action="decide", value="SW-0001:approve", style="primary"),
                Button(label="Reject", action="decide", value="SW-0001:reject", style="danger"),
            ],
            request_id="SW-0001",
        ),
        Reply(kind=ReplyKind.PROMPT, text="Pick", buttons=choice_buttons(12)),
        Reply(
            kind=ReplyKind.LIST,
            text="many",
            buttons=[Button(label=f"Open {i}", action="show", value=str(i)) for i in range(8)],
        ),
        Reply(kind=ReplyKind.NOTICE, text="x" * 5000),
    ]
    for spec in Catalogue():
        replies += present.form(
            engine.begin(spec, policy(spec)).says, answerer.library, dt.date.today()
        )
    return replies


def test_every_card_is_a_valid_adaptive_card_1_5(answerer: Answerer) -> None:
    for reply in every_kind_of_reply(answerer):
        for users in ((), [f"29:user{i}" for i in range(70)]):
            card = render.card(reply, refresh_users=users)
            assert card_errors(card) == [], reply
            assert card["version"] == "1.5"
    assert card_errors(render.settled(TRICKY, "Approve")) == []
    assert card_errors(render.plain(TRICKY)) == []


def test_a_broken_card_is_caught_by_the_schema() -> None:
    card = render.plain("hello")
    card["body"][0]["wrap"] = "yes"
    assert card_errors(card)


@pytest.mark.parametrize(
    "text",
    [
        TRICKY,
        "back\\slash *star* _under_ `code` ~strike~ |pipe|",
        "# heading",
        "> quote",
        "- item",
        "+ item",
        "12. item",
        "1) item",
        "  3. indented",
    ],
)
def test_user_text_is_escaped_for_card_markdown(text: str) -> None:
    escaped = render.escape(text)
    assert unescape(escaped) == text
    assert live_markdown(escaped) == []
    assert not escaped.lstrip().startswith(("#", ">", "- ", "+ ")) or escaped.startswith("\\")
    assert not any(escaped.lstrip().startswith(f"{n}.") for n in range(20))


def live_markdown(escaped: str) -> list[str]:
    """The markdown characters left unescaped (an escaped one is preceded by a backslash)."""
    live, chars = [], iter(escaped)
    for char in chars:
        if char == "\\":
            next(chars, "")
        elif char in "*_`[]<>{}~|":
            live.append(char)
    return live


def test_ordinary_text_reads_the_same() -> None:
    text = "SW-0001 · Approved by Jane Clerk at 14:03 on Sat 21 Nov 2026. §5.3 (a)!"
    assert render.escape(text) == text


def test_buttons_are_universal_actions_with_a_submit_fallback() -> None:
    reply = Reply(
        kind=ReplyKind.REQUEST,
        text="SW-0001",
        fields=[Row(label="a", value="b")],
        buttons=[
            Button(label="Approve", action="decide", value="SW-0001:approve", style="primary")
        ],
        request_id="SW-0001",
    )
    card = render.card(reply, refresh_users=["29:clerk"])
    (approve,) = card["actions"]
    assert approve["type"] == "Action.Execute" and approve["verb"] == "decide"
    assert approve["style"] == "positive"
    assert approve["data"] == {
        MARK: MARK,
        "action": "decide",
        "value": "SW-0001:approve",
        "label": "Approve",
        "prompt": "SW-0001",
        "request_id": "SW-0001",
    }
    fallback = approve["fallback"]
    assert fallback["type"] == "Action.Submit" and fallback["data"] == approve["data"]
    assert card["refresh"]["userIds"] == ["29:clerk"]
    assert card["refresh"]["action"]["verb"] == "refresh"


def test_refresh_is_for_at_most_60_people_and_only_on_request_cards() -> None:
    many = [f"29:u{i}" for i in range(100)]
    card = render.card(
        Reply(kind=ReplyKind.REQUEST, text="x", fields=[Row(label="a", value="b")], request_id="A"),
        refresh_users=many,
    )
    assert len(card["refresh"]["userIds"]) == 60
    assert "refresh" not in render.card(Reply(kind=ReplyKind.NOTICE, text="x"), refresh_users=many)


def test_many_choices_become_a_choice_list_beside_the_steering_buttons() -> None:
    steering = [
        Button(label="Back", action="reply", value="back"),
        Button(label="Cancel", action="reply", value="cancel"),
    ]
    reply = Reply(
        kind=ReplyKind.PROMPT, text="(5/7) What kind?", buttons=choice_buttons(10) + steering
    )
    card = render.card(reply)
    (choices,) = [e for e in card["body"] if e["type"] == "Input.ChoiceSet"]
    assert [c["value"] for c in choices["choices"]] == [f"c{i}" for i in range(10)]
    assert [b["title"] for b in buttons(card)] == ["Send", "Back", "Cancel"]
    few = render.card(Reply(kind=ReplyKind.PROMPT, text="?", buttons=choice_buttons(3)))
    assert [b["title"] for b in few["actions"]] == ["Choice 0", "Choice 1", "Choice 2"]


def test_an_answer_shows_the_clause_quote_and_review_warning(answerer: Answerer) -> None:
    reply = present.answer(answerer.ask("can I use a USB stick?", "watton"))
    text = card_text(render.card(reply))
    assert text.startswith("Watton Town Council, Information Technology")
    assert "You must not attach any device" in text


# Long text -------------------------------------------------------------------------------


def release_card(*extra: Row) -> Reply:
    return Reply(
        kind=ReplyKind.REQUEST,
        text="PR-0001 · Personal press release from Chris Councillor",
        fields=[
            Row(label="Headline", value="Play area opens"),
            Row(label="Body", value=release_body()),
            *extra,
        ],
        buttons=[Button(label="Noted", action="decide", value="PR-0001:noted")],
        request_id="PR-0001",
    )


def test_a_long_field_is_shown_whole_full_width_a_paragraph_a_block() -> None:
    card = render.card(release_card())
    assert card_errors(card) == []
    (facts,) = [e for e in card["body"] if e["type"] == "FactSet"]
    assert facts["facts"] == [{"title": "Headline", "value": "Play area opens"}]
    paragraphs = release_body().split("\n\n")
    blocks = [unescape(e["text"]) for e in card["body"] if e["type"] == "TextBlock"]
    assert blocks[-len(paragraphs) - 1 :] == ["Body", *paragraphs]  # every one, and in order
    assert paragraphs[-1] == LAST
    assert len(json.dumps(card)) < render.MAX_CARD_BYTES


def test_a_card_over_teams_size_limit_says_what_it_left_out() -> None:
    answer = "An answer that goes on. " * 1500  # 36,000 characters: no Teams card holds it
    card = render.card(release_card(Row(label="Answer", value=answer)))
    assert card_errors(card) == []
    assert len(json.dumps(card)) <= render.MAX_CARD_BYTES
    text = card_text(card)
    assert LAST in text  # the shorter text is still whole: only the longest is cut
    cut = re.search(r"\u2026 \(([\d,]+) more characters not shown: too long for a Teams card", text)
    assert cut is not None
    shown = text[text.index("An answer") : cut.start()]
    assert answer.startswith(shown.rstrip())  # its start, cut at the end of a word
    assert len(shown.rstrip()) + int(cut.group(1).replace(",", "")) == len(answer)
    assert "`clerkbot requests show PR-0001` prints it whole" in text


def test_a_shortened_fallback_text_says_so() -> None:
    card = render.card(Reply(kind=ReplyKind.NOTICE, text="n" * 2000))
    assert len(card["fallbackText"]) <= 500
    assert card["fallbackText"].endswith("\u2026 (full text on the card)")
