"""Platform users -> the council's people, and back.

Someone the roles file lists keeps their handle and role. Anyone else in the workspace may
still ask questions and file requests as staff, under a stable handle derived from their
platform id ("slack-u0123abc"), so requests, audit rows and notifications reach them.
"""

from __future__ import annotations

import hashlib

from bot.messages import User
from workflows.people import Directory, Person
from workflows.roles import Role

_SLACK = "slack-"
_TEAMS = "teams-"


def slack_user(people: Directory, slack_id: str, name: str = "") -> User:
    person = people.by_slack(slack_id)
    if person is not None:
        return _user(person, "slack", slack_id)
    # Slack ids are upper-case letters and digits, so lower-casing them is reversible.
    handle = _SLACK + slack_id.lower()
    return User(
        id=handle, name=name or slack_id, role=Role.STAFF, platform="slack", platform_id=slack_id
    )


def slack_id_of(people: Directory, person_id: str) -> str | None:
    """The Slack user id to DM for a handle: from the roles file, or the derived handle."""
    person = people.get(person_id)
    if person is not None:
        return person.slack_id
    if person_id.startswith(_SLACK):
        return person_id.removeprefix(_SLACK).upper()
    return None


def teams_user(people: Directory, teams_id: str, name: str = "") -> User:
    person = people.by_teams(teams_id)
    if person is not None:
        return _user(person, "teams", teams_id)
    # Teams ids are case-sensitive, so the handle is a digest; replies find the user again
    # through the stored conversation reference, not by reversing the handle.
    digest = hashlib.sha256(teams_id.encode()).hexdigest()[:16]
    return User(
        id=_TEAMS + digest,
        name=name or "Teams user",
        role=Role.STAFF,
        platform="teams",
        platform_id=teams_id,
    )


def _user(person: Person, platform: str, platform_id: str) -> User:
    return User(
        id=person.id,
        name=person.name,
        role=person.role,
        platform=platform,
        platform_id=platform_id,
    )
