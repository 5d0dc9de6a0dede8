"""Dates as policies state them: a year, a month or a day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """`2024`, `2024-06` or `2024-06-30`: no more precise than the document."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        match = _FORM.match(str(value).strip())
        if not match:
            raise ValueError(f"{value!r} is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month == 0 or day == 0:  # "2024-00" would otherwise read as December
            raise ValueError(f"{value!r}: month and day start at 01")
        result = cls(year, month, day)
        result.last_day()  # validates month and day
        return result

    def last_day(self) -> dt.date:
        """The last day the date could mean: `2021-06` is due by 30 June 2021."""
        month = self.month or 12
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} out of range")
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def __str__(self) -> str:
        if self.day is not None:
            return self.last_day().strftime("%-d %B %Y")
        if self.month is not None:
            return self.last_day().strftime("%B %Y")
        return str(self.year)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)
