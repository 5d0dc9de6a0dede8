"""The policy file's front matter, read from the document itself: its title, the council's
name, and the dates it states (adopted, last reviewed, review due). A date the document
doesn't state is reported missing, never guessed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.dates import PartialDate

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for m in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = (
    rf"(?:(\d{{1,2}})\s*(?:st|nd|rd|th)?\s+)?({_MONTH})\.?,?\s+(\d{{4}})"  # 8th May 2024
    r"|(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})"  # 08.11.2022 (day first, as in England)
    r"|\b((?:19|20)\d{2})\b"  # 2024
)
_KINDS = {
    "adopted": r"adopt(?:ed|ion)",
    "last_reviewed": r"(?:last\s+)?review(?:ed)?(?!\s*(?:date|due|by))|updated|revised|amended",
    "review_due": r"(?:next\s+)?review\s+(?:date|due)|to\s+be\s+reviewed|due\s+for\s+review"
    r"|review\s+by|next\s+review",
}
_COUNCIL = re.compile(
    r"\b((?:[A-Z][\w'\u2019-]*\s+){1,4}(?:Town|Parish|City|Community|Village|Neighbourhood)\s+Council)\b"
)


@dataclass(slots=True)
class Dates:
    adopted: PartialDate | None = None
    last_reviewed: PartialDate | None = None
    review_due: PartialDate | None = None

    def found(self) -> dict[str, PartialDate]:
        return {k: v for k, v in self.as_dict().items() if v is not None}

    def as_dict(self) -> dict[str, PartialDate | None]:
        return {
            "adopted": self.adopted,
            "last_reviewed": self.last_reviewed,
            "review_due": self.review_due,
        }


def dates(texts: Iterable[str], tables: Iterable[list[str]]) -> Dates:
    """Dates after words such as "Adopted", "Next review date", or under them in a table."""
    found = Dates()
    for header, row in _table_pairs(list(tables)):
        for label, cell in zip(header, row, strict=False):
            _note(found, label, cell)
    for text in texts:
        for kind, words in _KINDS.items():
            if getattr(found, kind) is not None:
                continue
            pattern = rf"\b(?:{words})\b[^.\d]{{0,30}}?(?:{_DATE})"
            if match := re.search(pattern, text, re.IGNORECASE):
                setattr(found, kind, parse_date(match.group(0)))
    return found


def _note(found: Dates, label: str, cell: str) -> None:
    date = parse_date(cell)
    if date is None:
        return
    for kind in ("review_due", "adopted", "last_reviewed"):  # "Next review" before "review"
        if getattr(found, kind) is None and re.search(_KINDS[kind], label, re.IGNORECASE):
            setattr(found, kind, date)
            return


def _table_pairs(rows: list[list[str]]) -> list[tuple[list[str], list[str]]]:
    return [
        (rows[i], rows[i + 1]) for i in range(len(rows) - 1) if len(rows[i]) == len(rows[i + 1])
    ]


def parse_date(text: str) -> PartialDate | None:
    match = re.search(_DATE, text, re.IGNORECASE)
    if match is None:
        return None
    day, month, year, dd, mm, yy, only_year = match.groups()
    try:
        if year:
            return PartialDate.parse(
                _iso(int(year), _MONTHS[month.lower()], int(day) if day else None)
            )
        if yy:
            full = int(yy) + 2000 if len(yy) == 2 else int(yy)
            return PartialDate.parse(_iso(full, int(mm), int(dd)))
        return PartialDate.parse(only_year)
    except ValueError:
        return None


def _iso(year: int, month: int, day: int | None) -> str:
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def council_name(texts: Iterable[str]) -> str | None:
    for text in texts:
        if found := _COUNCIL.search(text):
            return " ".join(found.group(1).split())
    return None


def title(texts: list[str], name: str | None) -> str | None:
    """The document's own title: the first title-block line that names a policy."""
    for text in texts:
        if re.search(r"\bpolic(?:y|ies)\b", text, re.IGNORECASE) and len(text) <= 150:
            cleaned = text
            if name:
                cleaned = re.sub(
                    rf"^{re.escape(name)}\s*[:\u2013\u2014-]?\s*", "", cleaned, flags=re.I
                )
            return _title_case(cleaned.strip(" .:\u2013\u2014-"))
    return None


def _title_case(text: str) -> str:
    """A shouted title read normally; acronyms (ICT, IT) and short words kept as they are."""
    words = text.split()
    shouted = [w for w in words if w.isupper() and len(w) > 3]
    if len(shouted) * 2 < len([w for w in words if len(w) > 3]):
        return text
    return " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w for w in words)
