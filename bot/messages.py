"""The channel-agnostic conversation objects: what adapters parse into and render from.

No Slack or Teams type appears here; adapters translate to and from these.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.core.characters import REFUSED
from knowledge.answer import Citation as Citation  # what answers cite, for adapters to draw
from workflows.roles import DECIDERS, Role

#: Messages longer than this are refused before any work is done (a pasted document, or abuse).
MAX_MESSAGE_CHARS = 8000


class User(BaseModel):
    """The person behind a message, as the roles file knows them."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    role: Role
    platform: str = "console"
    platform_id: str = ""

    @property
    def decides(self) -> bool:
        """Whether they may decide requests (the Clerk, the deputy)."""
        return self.role in DECIDERS

    @field_validator("name")
    @classmethod
    def _keepable(cls, name: str) -> str:
        # A platform's display name is not ours to refuse, but it is stored on requests:
        # characters no database holds (NUL, lone surrogates) are dropped from it.
        return REFUSED.sub("", name)


class IncomingMessage(BaseModel):
    model_config = ConfigDict(frozen=True)

    user: User
    text: str
    #: Where it happens ("console:staff", "slack:D0123"): drafts are kept per conversation.
    conversation: str


class ActionEvent(BaseModel):
    """A button press. `value` is only ever an id or a keyword: never data to trust."""

    model_config = ConfigDict(frozen=True)

    user: User
    action: str = Field(max_length=100)
    value: str = Field(max_length=200)
    conversation: str


class ReplyKind(StrEnum):
    ANSWER = "answer"
    NO_ANSWER = "no_answer"
    PROMPT = "prompt"
    SUMMARY = "summary"
    NOTICE = "notice"
    WARNING = "warning"
    ERROR = "error"
    REQUEST = "request"
    LIST = "list"
    HELP = "help"


class Action(StrEnum):
    """What a button asks of the core; its value says which request or choice."""

    REPLY = "reply"  # an answer to the form's question (a choice, skip, back, confirm)
    START = "start"  # start a request
    DECIDE = "decide"  # the Clerk's decision on a request
    ANSWER = "answer"  # answer the Clerk's question about your request
    SHOW = "show"  # open a request
    ASK_CLERK = "ask_clerk"  # send a question the policy doesn't answer to the Clerk
    CANCEL_INPUT = "cancel_input"  # stop typing the note or answer asked for


class Button(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: str = Field(max_length=75)
    action: Action
    value: str
    style: Literal["primary", "danger", "default"] = "default"


class Row(BaseModel):
    """A labelled value: a request's field, a decision's details."""

    model_config = ConfigDict(frozen=True)

    label: str
    value: str


class Reply(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: ReplyKind
    text: str
    #: A verbatim quote from a policy clause, shown set apart.
    quote: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    fields: list[Row] = Field(default_factory=list)
    buttons: list[Button] = Field(default_factory=list)
    #: The request this reply is about, when there is one (decision cards update in place).
    request_id: str | None = None
    urgent: bool = False
    #: The next message from this person is taken as the text this reply asks for (a
    #: decision's note, an answer to the Clerk): platforms may show a text box instead.
    awaits_text: bool = False
    #: The question a policy answer answers (platforms attach feedback buttons to it).
    question: str | None = None


class Notification(BaseModel):
    """A reply for someone other than the sender: "user:<id>" or "channel:clerk"."""

    model_config = ConfigDict(frozen=True)

    recipient: str
    reply: Reply


class Option(BaseModel):
    model_config = ConfigDict(frozen=True)

    value: str
    label: str


class FormInput(BaseModel):
    """One question of a request's form, for platforms that show the form whole."""

    model_config = ConfigDict(frozen=True)

    name: str
    label: str
    prompt: str
    example: str
    choices: list[Option] = Field(default_factory=list)
    optional: bool = False
    #: Quoted text (a post, a release): shown as a multi-line box.
    long: bool = False


class Form(BaseModel):
    """A request's whole form (a Slack modal); the chat asks the same questions one by one."""

    model_config = ConfigDict(frozen=True)

    key: str
    title: str
    intro: str
    inputs: list[FormInput]
