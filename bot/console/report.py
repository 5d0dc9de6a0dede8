"""`clerkbot report questions [--csv]`: what the policy missed, for its next review.

Three kinds of line, oldest first: questions the policy didn't cover, answers someone
marked 👎, and the questions put to the Clerk with what the Clerk did (answered, linked to
a clause, or marked as not in the policy).
"""

from __future__ import annotations

import csv
from typing import TextIO

from bot.core.present import when
from bot.settings import Settings
from workflows.clerk_question import QUESTION
from workflows.store import RequestRecord, Store
from workflows.store.question_log import Missed

COLUMNS = ("at", "kind", "question", "clause", "request", "clerk")


async def questions_report(settings: Settings, out: TextIO, *, as_csv: bool) -> int:
    store = await Store.open(settings.database(), schema=settings.database_schema)
    try:
        missed = await store.questions.missed(settings.council)
        asked = await store.list_requests(workflow=QUESTION.key, limit=100_000)
    finally:
        await store.close()
    by_request = {r.id: r for r in asked}
    rows = [_row(m, by_request.get(m.request_id or ""), as_csv) for m in missed]
    if as_csv:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows([r[k] for k in COLUMNS] for r in rows)
        return 0
    if not rows:
        print("Nothing missed yet: no unanswered questions and no 👎 answers.", file=out)
    for r in rows:
        clerk = f"\n    Clerk: {r['clerk']}" if r["clerk"] else ""
        where = f" ({r['clause']})" if r["clause"] else ""
        request = f" → {r['request']}" if r["request"] else ""
        print(f"{r['at']} · {r['kind']}{where}{request}\n    {r['question']}{clerk}", file=out)
    return 0


def _row(missed: Missed, request: RequestRecord | None, as_iso: bool) -> dict[str, str]:
    clerk = ""
    if request is not None and request.decision:
        decision = QUESTION.decision(request.decision)
        verb = decision.verb if decision else request.decision
        clerk = f"{verb}: {request.decision_note or ''}".strip(": ")
    return {
        "at": missed.at.isoformat(timespec="seconds") if as_iso else when(missed.at),
        "kind": missed.kind,
        "question": missed.question,
        "clause": missed.clause_id or "",
        "request": missed.request_id or "",
        "clerk": clerk,
    }
