"""Field types for workflow forms: pydantic types that parse what people type in chat."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, StringConstraints

_YES = frozenset({"yes", "y", "yeah", "yep", "true", "1", "it does", "i think so", "possibly"})
_NO = frozenset({"no", "n", "nope", "false", "0", "none", "it doesn't", "no it doesn't"})


def _yes_no(value: Any) -> Any:
    if isinstance(value, str):
        word = value.strip().casefold().rstrip(".!")
        if word in _YES:
            return True
        if word in _NO:
            return False
        raise ValueError("please answer yes or no")
    return value


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _link(value: str) -> str:
    if not _URL.match(value):
        raise ValueError("that doesn't look like a web link (it should start with https://)")
    return value


#: One line: a name, a device, a version.
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]
#: A paragraph: a purpose, symptoms, a description.
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=3000)]
#: A press release body.
Body = Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=6000)]
YesNo = Annotated[bool, BeforeValidator(_yes_no)]
Link = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=2000), AfterValidator(_link)
]
