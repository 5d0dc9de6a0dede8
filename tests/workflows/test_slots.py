"""An opening message's answers, read into the form's fields (workflows/data/slots.toml)."""

from __future__ import annotations

import pytest

from workflows.catalogue import Catalogue
from workflows.slots import read_slots

CATALOGUE = Catalogue()


def slots(workflow: str, text: str) -> dict[str, str]:
    spec = CATALOGUE.get(workflow)
    assert spec is not None
    return read_slots(spec, text)


def test_software_name_device_and_purpose() -> None:
    assert slots("software", "I need to install Zoom on my laptop for council meetings") == {
        "name": "Zoom",
        "devices": "my laptop",
        "purpose": "council meetings",
    }


def test_software_cost_and_a_name_of_several_words() -> None:
    found = slots("software", "could i get adobe acrobat pro on the office pc, its £15 a month")
    assert found["name"] == "adobe acrobat pro" and found["devices"] == "the office pc"
    assert found["cost"] == "£15 a month"


@pytest.mark.parametrize(
    "text", ["I need to install some software", "can I install apps?", "I want to get rid of it"]
)
def test_a_word_too_general_is_no_software_name(text: str) -> None:
    assert "name" not in slots("software", text)


def test_a_virus_report_says_its_device_symptoms_start_and_trigger() -> None:
    text = "my laptop keeps showing pop-ups since this morning after I clicked a link in an email"
    assert slots("virus", text) == {
        "device": "my laptop",
        "symptoms": text,
        "started": "since this morning",
        "trigger": "clicked a link in an email",
    }


def test_saying_it_is_a_virus_is_not_a_symptom() -> None:
    assert "symptoms" not in slots("virus", "I think my laptop has a virus")


def test_an_abusive_post_platform_link_content_and_target() -> None:
    text = "someone posted on our fb page calling the clerk a liar https://facebook.com/p/123"
    assert slots("abusive_post", text) == {
        "platform": "facebook",
        "link": "https://facebook.com/p/123",
        "content": "the clerk a liar",
        "target": "staff",
    }


def test_a_press_release_pasted_after_the_first_line_is_its_body() -> None:
    body = "Councillor Smith welcomes the new play area. " * 5
    assert slots("press_release", f"please check my release:\n{body}") == {"body": body.strip()}
    assert slots("press_release", "please check my release:\ntoo short") == {}
