"""Who may do what: the five roles and the permissions that hang on them."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    STAFF = "staff"
    COUNCILLOR = "councillor"
    CLERK = "clerk"
    DEPUTY = "deputy"
    IT_PROVIDER = "it_provider"


#: Who may decide requests and moderate the council's social media.
DECIDERS = frozenset({Role.CLERK, Role.DEPUTY})

#: Everyone who works for or sits on the council.
EVERYONE = frozenset(Role)


def may_decide(role: Role) -> bool:
    return role in DECIDERS
