"""The Store: one object the workflow engine and bot core use for all persistent state.

Every public method is one transaction. Writes on SQLite begin IMMEDIATE (see connect.py);
reads begin deferred so they never wait for a writer.

Its methods live in groups by concern, each a class over StoreBase (store_base.py, the
connections and clock): requests and audit, drafts, outbox and reminders, platform state,
and the software register with answer feedback.
"""

from __future__ import annotations

from workflows.store.store_delivery import DeliveryMethods
from workflows.store.store_drafts import DraftMethods
from workflows.store.store_platform import PlatformMethods
from workflows.store.store_registers import RegisterMethods
from workflows.store.store_requests import RequestMethods


class Store(RequestMethods, DraftMethods, DeliveryMethods, PlatformMethods, RegisterMethods):
    """Use ``await Store.open(url)``; the constructor takes an engine already migrated.

    A Store belongs to the event loop that opened it (as its engine does).
    """
