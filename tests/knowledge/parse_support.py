"""What the parse tests share: a small policy written inline (front matter and a body, numbered
or not), parsed, and its clauses by id."""

from __future__ import annotations

from knowledge.models import Clause, PolicyDocument
from knowledge.parse import parse

FRONT = """\
---
council: x
council_name: X Town Council
title: Test Policy
numbered: {numbered}
source: x.txt
---
"""


def doc(body: str, *, numbered: bool = True) -> PolicyDocument:
    return parse(FRONT.format(numbered=str(numbered).lower()) + body)


def numbered(body: str) -> PolicyDocument:
    return doc(body, numbered=True)


def unnumbered(body: str) -> PolicyDocument:
    return doc(body, numbered=False)


def by_id(document: PolicyDocument) -> dict[str, Clause]:
    return {c.id: c for c in document.clauses}


def ids(document: PolicyDocument) -> list[str]:
    return [c.id for c in document.clauses]
