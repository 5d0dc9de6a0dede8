"""The people file: the demo one that ships, and the errors a council's own file can have."""

from __future__ import annotations

from pathlib import Path

import pytest

from workflows.people import Directory, PeopleFileError, Person
from workflows.roles import DECIDERS, Role, may_decide


def test_the_demo_file_has_one_person_per_role_named_after_it() -> None:
    people = Directory.load()
    assert {p.id: p.role for p in people} == {
        "staff": Role.STAFF,
        "councillor": Role.COUNCILLOR,
        "clerk": Role.CLERK,
        "deputy": Role.DEPUTY,
        "it": Role.IT_PROVIDER,
    }
    clerk = people.get("clerk")
    assert clerk is not None and clerk.name == "Jane Clerk" and clerk.decides
    assert [p.id for p in people if p.decides] == ["clerk", "deputy"]


def test_find_takes_a_handle_or_a_display_name_in_any_case() -> None:
    people = Directory.load()
    assert (people.find("CLERK") or Person(id="x", name="x", role=Role.STAFF)).id == "clerk"
    found = people.find("  sam staff ")
    assert found is not None and found.id == "staff"
    assert people.find("nobody") is None
    assert [p.id for p in people.with_role(Role.DEPUTY, Role.IT_PROVIDER)] == ["deputy", "it"]


def test_only_the_clerk_and_deputy_decide() -> None:
    assert set(DECIDERS) == {Role.CLERK, Role.DEPUTY}
    assert [r for r in Role if may_decide(r)] == [Role.CLERK, Role.DEPUTY]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "people.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_councils_own_file_maps_platform_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[[person]]
id = "j.hart"
name = "Jane Hart"
role = "clerk"
slack_id = "U012ABC"
teams_id = "29:1abc"

[[person]]
id = "amy"
name = "Amy Pond"
role = "staff"
""",
    )
    people = Directory.load(path)
    assert [p.id for p in people] == ["j.hart", "amy"]
    hart = people.on_platform("slack", "U012ABC")
    assert hart is not None and hart.name == "Jane Hart"
    assert hart is people.on_platform("teams", "29:1abc")
    assert hart.ids == {"slack": "U012ABC", "teams": "29:1abc"}
    assert people.on_platform("slack", "U999") is None and people.on_platform("teams", "") is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[[person]]\nid = "amy"\nname = "Amy"\nrole = "mayor"\n', "role"),
        ('[[person]]\nid = "Amy Pond"\nname = "Amy"\nrole = "staff"\n', "id"),
        ('[[person]]\nid = "amy"\nrole = "staff"\n', "name"),
        ('[[person]]\nid = "amy"\nname = "Amy"\nrole = "staff"\nshoe_size = 6\n', "shoe_size"),
        ('[[person]\nid = "amy"\n', r"people\.toml"),
        ('title = "no people"\n', "person"),
    ],
)
def test_a_bad_file_is_a_clear_error(tmp_path: Path, text: str, says: str) -> None:
    with pytest.raises(PeopleFileError, match=says):
        Directory.load(write(tmp_path, text))


def test_two_people_with_one_handle_are_refused(tmp_path: Path) -> None:
    person = '[[person]]\nid = "amy"\nname = "Amy"\nrole = "staff"\n'
    with pytest.raises(PeopleFileError, match="share a handle"):
        Directory.load(write(tmp_path, person + person))


def test_a_file_that_is_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "people.toml"
    path.write_bytes(b'[[person]]\nid = "amy"\nname = "\xff"\nrole = "staff"\n')
    with pytest.raises(PeopleFileError, match=r"people\.toml"):
        Directory.load(path)


def test_a_missing_file_is_not_silently_the_demo(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Directory.load(tmp_path / "missing.toml")
