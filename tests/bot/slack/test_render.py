"""Reply -> Block Kit: escaped, validated, split within Slack's limits. Pure functions."""

from __future__ import annotations

import json

from bot.messages import Button, Reply, ReplyKind, Row
from bot.slack.mrkdwn import chunks, escape
from bot.slack.render import MESSAGE_BLOCKS, blocks, messages
from tests.bot.core.long_release import release_body


def test_escape_neutralises_pings_and_links() -> None:
    assert escape("<!channel> & <https://evil|gov.uk>") == (
        "&lt;!channel&gt; &amp; &lt;https://evil|gov.uk&gt;"
    )


def test_chunks_split_at_line_breaks_within_the_limit() -> None:
    text = "\n".join(f"line {n} " + "x" * 50 for n in range(200))
    pieces = chunks(text, 3000)
    assert all(len(p) <= 3000 for p in pieces)
    assert "".join(pieces) == text
    assert all(p.endswith("\n") for p in pieces[:-1])  # whole lines in every piece


def test_chunks_split_one_enormous_word() -> None:
    pieces = chunks("y" * 7000, 3000)
    assert [len(p) for p in pieces] == [3000, 3000, 1000]


def test_chunks_lose_nothing_and_prefer_paragraphs_then_sentences() -> None:
    body = release_body()
    for limit in (500, 1000, 3000):
        pieces = chunks(body, limit)
        assert "".join(pieces) == body  # not one character lost, whitespace included
        assert all(0 < len(p) <= limit for p in pieces)
        # Each piece but the last ends at a paragraph or, failing that, a sentence.
        assert all(p.endswith(("\n\n", ". ")) for p in pieces[:-1]), limit
    assert all(p.endswith("\n\n") for p in chunks(body, 3000)[:-1])


def test_chunks_split_at_a_sentence_when_a_paragraph_is_too_long() -> None:
    paragraph = " ".join(f"Sentence number {n} is here." for n in range(200))
    pieces = chunks(paragraph, 1000)
    assert "".join(pieces) == paragraph
    assert all(p.endswith("here. ") for p in pieces[:-1])


def test_chunks_never_split_an_escaped_character() -> None:
    text = escape("&" * 1000)  # 5,000 characters of "&amp;", no space to split at
    pieces = chunks(text, 3001)
    assert "".join(pieces) == text
    assert all(p.endswith("&amp;") for p in pieces)


def test_a_long_field_is_shown_whole_over_several_sections() -> None:
    body = release_body()
    reply = Reply(
        kind=ReplyKind.REQUEST,
        text="PR-0001 · Personal press release from Chris Councillor",
        fields=[Row(label="Headline", value="Play area opens"), Row(label="Body", value=body)],
        buttons=[Button(label="Noted", action="decide", value="PR-0001:noted")],
        request_id="PR-0001",
    )
    (message,) = messages(reply)
    sections = [b["text"]["text"] for b in message["blocks"] if "text" in b]
    long = [s for s in sections if s.startswith("*Body*")]
    assert len(long) == 1 and len(sections) >= 3
    assert "".join(sections[sections.index(long[0]) :]) == "*Body*\n" + body
    assert all(len(s) <= 3000 for s in sections)
    assert message["blocks"][-1]["type"] == "actions"


def test_a_card_too_big_for_one_message_keeps_its_buttons_on_the_first() -> None:
    parts = [f"{label} " + "w " * 1400 + f"end of {label}." for label in "ABCDE"]
    pairs = zip("ABCDE", parts, strict=True)
    long = [Row(label=f"Part {label}", value=text) for label, text in pairs]
    reply = Reply(
        kind=ReplyKind.REQUEST,
        text="SW-0001 · Software request from Sam Staff",
        fields=[Row(label="Software", value="Zoom"), *long],
        buttons=[Button(label="Approve", action="decide", value="SW-0001:approve")],
        request_id="SW-0001",
    )
    sent = messages(reply)
    assert len(sent) > 1
    first = json.dumps(sent[0])
    assert "Approve" in first and "*Software*" in first
    assert f"in the next {len(sent) - 1} messages" in first
    rest = "".join(
        b["text"]["text"] for m in sent[1:] for b in m["blocks"] if b["type"] == "section"
    )
    for label, text in zip("ABCDE", parts, strict=True):
        assert f"*Part {label}*\n{text}" in rest  # every long text whole
    for number, message in enumerate(sent[1:], start=2):
        assert message["text"].endswith(f"continued ({number} of {len(sent)})")
        assert len(message["blocks"]) <= MESSAGE_BLOCKS
        assert len(json.dumps(message["blocks"])) <= 12_000


def test_a_shortened_notification_says_so() -> None:
    reply = Reply(kind=ReplyKind.NOTICE, text="z" * 500 + "\nsecond line")
    text = messages(reply)[0]["text"]
    assert text.endswith("\u2026 (full text in the message)")
    assert "second line" not in text


def test_every_user_supplied_part_is_escaped() -> None:
    reply = Reply(
        kind=ReplyKind.REQUEST,
        text="New software request SW-0001 from <@U1>",
        quote="<!here> quoted",
        fields=[Row(label="Software <b>", value="<https://x|y>")],
    )
    raw = json.dumps([b.to_dict() for b in blocks(reply)])
    assert "<@U1>" not in raw and "<!here>" not in raw and "<https://x|y>" not in raw
    assert "&lt;@U1&gt;" in raw


def test_a_long_reply_is_split_into_valid_messages() -> None:
    reply = Reply(
        kind=ReplyKind.LIST,
        text="\n".join(f"SW-{n:04d} · Zoom · pending " + "z" * 80 for n in range(600)),
        fields=[Row(label=f"f{n}", value="v" * 1900) for n in range(25)],
        buttons=[Button(label=f"b{n}", action="show", value=f"SW-{n:04d}") for n in range(30)],
    )
    sent = messages(reply)
    assert len(sent) > 1
    for message in sent:
        assert len(message["blocks"]) <= MESSAGE_BLOCKS
        assert len(json.dumps(message["blocks"])) <= 12_000
        for block in message["blocks"]:
            if block["type"] == "section" and "text" in block:
                assert len(block["text"]["text"]) <= 3000
            if block["type"] == "actions":
                assert len(block["elements"]) <= 5
    ids = [
        e["action_id"]
        for m in sent
        for b in m["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert len(ids) == len(set(ids)) == 30


def test_buttons_carry_only_the_cores_id_and_keyword() -> None:
    reply = Reply(
        kind=ReplyKind.REQUEST,
        text="card",
        buttons=[
            Button(label="Approve", action="decide", value="SW-0001:approve", style="primary")
        ],
    )
    (actions,) = [b.to_dict() for b in blocks(reply) if b.type == "actions"]
    assert actions["elements"][0] == {
        "type": "button",
        "text": {"type": "plain_text", "text": "Approve", "emoji": True},
        "action_id": "cb:decide:0",
        "value": "SW-0001:approve",
        "style": "primary",
    }


def test_text_of_characters_json_escapes_still_fits_slacks_limits() -> None:
    # Curly quotes and accents cost six characters each in the JSON Slack measures.
    body = "\u201cCaf\u00e9 \u00e0 la cr\u00e8me\u201d \u2014 \u00e9t\u00e9. " * 300
    reply = Reply(
        kind=ReplyKind.REQUEST,
        text="PR-0001 · Personal press release from Chris Councillor",
        fields=[Row(label="Body", value=body)],
        buttons=[Button(label="Noted", action="decide", value="PR-0001:noted")],
        request_id="PR-0001",
    )
    sent = messages(reply)
    for message in sent:
        assert len(message["blocks"]) <= MESSAGE_BLOCKS
        assert len(json.dumps(message["blocks"])) <= 12_000
    shown = "".join(b["text"]["text"] for m in sent for b in m["blocks"] if b["type"] == "section")
    assert shown.endswith("*Body*\n" + body)
    assert "Noted" in json.dumps(sent[0])
