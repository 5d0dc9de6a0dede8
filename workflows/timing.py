"""How long things wait: draft expiry, and the virus report's reminder and escalation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class Timing:
    #: An untouched draft is thrown away after this.
    draft_ttl: timedelta = timedelta(days=3)
    #: An unacknowledged virus report reminds the Clerk after this...
    remind_after: timedelta = timedelta(minutes=30)
    #: ...and goes to the deputy this long after the reminder.
    escalate_after: timedelta = timedelta(minutes=30)
