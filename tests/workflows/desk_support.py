"""What the Desk tests share: a filled-in form for each workflow, filing one, and reading back
the outbox and the audit trail."""

from __future__ import annotations

from typing import Any

from tests.workflows.conftest import person
from workflows.catalogue import Catalogue
from workflows.desk import Desk
from workflows.store import RequestRecord, Store

CATALOGUE = Catalogue()

FORMS: dict[str, dict[str, Any]] = {
    "software": {
        "name": "Zoom",
        "version": "Zoom Workplace 6.2",
        "purpose": "Remote committee meetings",
        "devices": "Office laptop",
        "cost": "Free",
        "personal_data": True,
    },
    "virus": {
        "device": "Office laptop",
        "symptoms": "Files renamed to .locked",
        "started": "This morning",
        "trigger": None,
        "personal_data": False,
    },
    "press_release": {
        "headline": "Play area opens",
        "body": "Call me on 01953 881234. This is a personal statement and is not necessarily "
        "the view of the Town Council.",
        "signatory": "Chris Smith",
        "photos": False,
    },
    "abusive_post": {
        "platform": "facebook",
        "link": None,
        "content": "Calls the clerk a liar",
        "target": "staff",
        "category": "personal_attack",
        "at_risk": False,
        "author": None,
    },
}


async def file(desk: Desk, key: str = "software", who: str = "staff") -> RequestRecord:
    spec = CATALOGUE.get(key)
    assert spec is not None
    filed = await desk.submit(spec, person(desk.people, who), "watton", dict(FORMS[key]))
    assert isinstance(filed, RequestRecord), filed
    return filed


async def outbox(store: Store) -> list[tuple[str, str, str | None]]:
    """(recipient, event kind, decision or level) for every undelivered notification."""
    return [
        (
            item.recipient,
            item.payload["kind"],
            item.payload.get("decision") or item.payload.get("level"),
        )
        for item in await store.pending_outbox()
    ]


async def actions(store: Store, request_id: str | None = None) -> list[str]:
    return [e.action for e in await store.audit_entries(request_id)]
