"""App Home and modals, built from the core's replies and the workflows' own definitions. Pure."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.messages import Form, FormInput, Reply
from bot.slack import ids
from bot.slack.mrkdwn import escape, plain
from bot.slack.render import blocks, divider

VIEW_BLOCKS = 100


def home(council: str, mine: Reply, queue: Reply | None) -> View:
    """The App Home tab: my requests, and for the Clerk the pending queue with its buttons."""
    out: list[Block] = [
        HeaderBlock(text=plain(f"clerkbot \u00b7 {council}", 150)),
        SectionBlock(
            text=MarkdownTextObject(
                text="Ask me about the council's IT and social media policy in a DM, or use "
                "`/policy`. File a request with `/request`."
            )
        ),
        divider(),
        *blocks(mine),
    ]
    if queue is not None:
        out += [divider(), *blocks(queue)]
    if len(out) > VIEW_BLOCKS:
        out = [*out[: VIEW_BLOCKS - 1], _more()]
    return View(type="home", blocks=out)


def _more() -> Block:
    return SectionBlock(
        text=MarkdownTextObject(text="_More in the list: say `queue` or `my requests` in a DM._")
    )


def form_modal(form: Form, metadata: Mapping[str, str]) -> View:
    """A modal with one input per field of the workflow: the same definition the chat walks."""
    inputs: list[Block] = [_input(f) for f in form.inputs]
    intro = SectionBlock(text=MarkdownTextObject(text=escape(form.intro)))
    return View(
        type="modal",
        callback_id=ids.FORM_VIEW,
        title=plain(form.title, 24),
        submit="Check and send",
        close="Cancel",
        private_metadata=json.dumps(dict(metadata))[:3000],
        blocks=[intro, *inputs],
    )


def _input(field: FormInput) -> Block:
    element: PlainTextInputElement | StaticSelectElement
    if field.choices:
        element = StaticSelectElement(
            action_id=field.name,
            placeholder=plain(f"e.g. {field.example}", 150),
            options=[Option(value=c.value, text=plain(c.label, 75)) for c in field.choices],
        )
    else:
        element = PlainTextInputElement(
            action_id=field.name,
            multiline=field.long,
            placeholder=plain(f"e.g. {field.example}", 150),
        )
    return InputBlock(
        block_id=field.name,
        label=plain(field.label, 2000),
        hint=plain(field.prompt, 2000),
        element=element,
        optional=field.optional,
    )


def form_values(state_values: Mapping[str, Mapping[str, Mapping[str, object]]]) -> dict[str, str]:
    """A view_submission's `view.state.values` -> field name -> the text given (or chosen)."""
    answers: dict[str, str] = {}
    for block_id, actions in state_values.items():
        for value in actions.values():
            chosen = value.get("selected_option")
            if isinstance(chosen, Mapping):
                answers[block_id] = str(chosen.get("value") or "")
            else:
                answers[block_id] = str(value.get("value") or "")
    return answers


def form_menu(forms: Sequence[Form]) -> list[Block]:
    """ "Or fill in a form": one button per workflow, opening the modal."""
    buttons = [
        ButtonElement(text=plain(f"{f.title} (form)", 75), action_id=f"open_form:{n}", value=f.key)
        for n, f in enumerate(forms)
    ]
    hint = ContextBlock(elements=[MarkdownTextObject(text="Or fill it in as a form:")])
    return [hint, *[ActionsBlock(elements=buttons[i : i + 5]) for i in range(0, len(buttons), 5)]]


def note_modal(prompt: Reply, metadata: Mapping[str, object]) -> View:
    """A text box for what the core is waiting for (a decision's note, an answer)."""
    title = f"{prompt.request_id} · note" if prompt.request_id else "Your answer"
    box = InputBlock(
        block_id="note",
        label="Your note" if prompt.request_id else "Your answer",
        element=PlainTextInputElement(action_id="note", multiline=True, max_length=3000),
    )
    text = SectionBlock(text=MarkdownTextObject(text=escape(plain(prompt.text, 3000))))
    return View(
        type="modal",
        callback_id="note_input",
        title=plain(title, 24),
        submit="Send",
        close="Cancel",
        private_metadata=json.dumps(dict(metadata))[:3000],
        blocks=[text, box],
    )
