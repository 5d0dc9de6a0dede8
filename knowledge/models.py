"""The Clause and PolicyDocument contracts (see docs/architecture.md, "Contracts")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from knowledge.dates import PartialDate


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Front matter of one council's policy document."""

    council: str
    council_name: str
    title: str
    numbered: bool
    source: str
    adopted: PartialDate | None = None
    last_reviewed: PartialDate | None = None
    review_due: PartialDate | None = None
    notes: str = ""

    def overdue(self, today: dt.date) -> bool:
        return self.review_due is not None and self.review_due.last_day() < today

    def freshness_note(self, today: dt.date) -> str | None:
        """A short warning to print beside a citation, or None when the review is not late."""
        if not self.overdue(today) or self.review_due is None:
            return None
        return (
            f"This policy was due for review by {self.review_due}; "
            "check with the Clerk that it is still current."
        )


@dataclass(frozen=True, slots=True)
class Clause:
    """One citable unit of adopted wording.

    `text` is verbatim. `context` holds the lead-in sentences that introduce it (a list's
    "All misuse ... the following:"), outermost first, also verbatim.
    """

    id: str
    label: str
    doc: DocumentInfo
    heading_path: tuple[str, ...]
    text: str
    context: tuple[str, ...] = ()
    order: int = 0

    @property
    def council(self) -> str:
        return self.doc.council

    @property
    def cited_text(self) -> str:
        """What a citation quotes as the clause: a list item is read with its lead-in,
        so "Playing games during working hours" arrives as the misuse it is."""
        return " ".join((*self.context, self.text))

    def citation(self) -> str:
        """ "Watton Town Council, IT, ... Policy, §5.3"."""
        return f"{self.doc.council_name}, {self.doc.title}, {self.label}"


@dataclass(slots=True)
class PolicyDocument:
    info: DocumentInfo
    clauses: list[Clause] = field(default_factory=list)
    #: Parser warnings (line, message) that `clerkbot index --check` reports.
    problems: list[tuple[int, str]] = field(default_factory=list)
