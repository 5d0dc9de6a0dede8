"""Reply -> Block Kit: escaped, validated, split within Slack's limits. Pure functions."""

from __future__ import annotations

import json

from bot.messages import Button, Reply, ReplyKind, Row
from bot.slack.mrkdwn import chunks, escape
from bot.slack.render import MESSAGE_BLOCKS, blocks, messages


def test_escape_neutralises_pings_and_links() -> None:
    assert escape("<!channel> & <https://evil|gov.uk>") == (
        "&lt;!channel&gt; &amp; &lt;https://evil|gov.uk&gt;"
    )


def test_chunks_split_at_line_breaks_within_the_limit() -> None:
    text = "\n".join(f"line {n} " + "x" * 50 for n in range(200))
    pieces = chunks(text, 3000)
    assert all(len(p) <= 3000 for p in pieces)
    assert "\n".join(pieces) == text


def test_chunks_split_one_enormous_word() -> None:
    pieces = chunks("y" * 7000, 3000)
    assert [len(p) for p in pieces] == [3000, 3000, 1000]


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
