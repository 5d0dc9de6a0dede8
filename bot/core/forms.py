"""Requests' forms as platforms show them whole: drawn from the same workflow definitions
the chat walks question by question."""

from __future__ import annotations

from bot.messages import Form, FormInput, Option
from workflows.spec import FormField, WorkflowSpec


def form_of(spec: WorkflowSpec) -> Form:
    return Form(
        key=spec.key,
        title=spec.title,
        intro=spec.intro or spec.summary,
        inputs=[_input(f) for f in spec.fields],
    )


def _input(field: FormField) -> FormInput:
    return FormInput(
        name=field.name,
        label=field.label,
        prompt=field.prompt,
        example=field.example,
        choices=[Option(value=c.value, label=c.label) for c in field.choices],
        optional=field.optional,
        long=field.verbatim or len(field.example) > 60,
    )
