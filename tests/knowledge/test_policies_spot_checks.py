"""The five bundled policies, spot-checked: chosen clauses' labels, text and context, and the
lists that must come out whole."""

from __future__ import annotations

import pytest

from tests.knowledge.policy_support import CLAUSE_COUNTS, clauses, documents

# -- spot checks -------------------------------------------------------------------------------

MISUSE_LEAD_IN_END = (
    "All misuse of the facilities is prohibited including specifically but not exclusively "
    "the following:"
)
MISUSE_ITEM_6 = "Deliberate actions or activities with any of the following characteristics:"

# id -> (label, text start, text end, context endings or None to skip)
SPOT_CHECKS: dict[str, tuple[str, str, str, tuple[str, ...] | None]] = {
    # watton
    "watton/5.3": (
        "§5.3",
        "You must not attach any device or equipment to our systems without authorisation",
        "must have virus protection and firewalls.",
        (),
    ),
    "watton/3.7": (
        "§3.7",
        "Councillors can issue personal press releases.",
        '"This is a personal statement and is not necessarily the view of the Town Council".',
        (),
    ),
    "watton/6.6": ("§6.6", "In general, you should not:", "you should not:", ()),
    "watton/6.6(a)": (
        "§6.6(a)",
        "Send, forward or read private emails at work",
        "that you would not want a third party to read.",
        ("In general, you should not:",),
    ),
    "watton/6.6(h)": (
        "§6.6(h)",
        "Send confidential messages via any messaging platform",
        "has not been authorised by The Clerk.",
        ("In general, you should not:",),
    ),
    "watton/about-this-policy/1": (
        "About This Policy, point 1",
        "The Watton Town Council IT and Communications Systems",
        "Privacy and Data Protection Policies.",
        (),
    ),
    "watton/12/1": (
        "§12, point 1",
        "Personal use of Social Media is NOT permitted",
        "during working hours or at any time.",
        (),
    ),
    "watton/8.2(a)": (
        "§8.2(a)",
        "Use must be minimal",
        "out of normal working hours",
        ("Personal use must meet the following conditions:",),
    ),
    # rugeley
    "rugeley/1.1": ("§1.1", "This policy is intended to help councillors", "capacity.", ()),
    "rugeley/1.1/1": (
        "§1.1, point 1",
        "The council will encourage the use of social media for the purposes of:",
        "for the purposes of:",
        (),
    ),
    "rugeley/1.1/2": (
        "§1.1, point 2",
        "providing and exchanging information about services;",
        "services;",
        ("The council will encourage the use of social media for the purposes of:",),
    ),
    "rugeley/4.5": (
        "§4.5",
        "The Council will appoint a nominated person as moderator.",
        "Such post will also be reported to the Hosts (i.e. Facebook) and also the clerk for "
        "council records.",
        (),
    ),
    "rugeley/4.9": (
        "§4.9",
        "When participating in online communication staff and councillors must;",
        "must;",
        (),
    ),
    "rugeley/4.9/1": (
        "§4.9, point 1",
        "Be responsible and respectful;",
        "brief and transparent.",
        ("councillors must;",),
    ),
    "rugeley/4.9/14": (
        "§4.9, point 14",
        "Spell and grammar check everything.",
        "everything.",
        ("councillors must;",),
    ),
    "rugeley/6.3": ("§6.3", "The councils' computers are for work use only.", ".", ()),
    # croft
    "croft/1/4": (
        "§1, point 4",
        "Council website.",
        "website.",
        ("Approved Council social media:",),
    ),
    "croft/3(t)": (
        "§3(t)",
        "Officers must not download any software, shareware or freeware",
        "approved and authorised by the Clerk.",
        (),
    ),
    "croft/3(x)": (
        "§3(x)",
        "We retain the right to remove comments or content that includes:",
        "includes:",
        (),
    ),
    "croft/3(x)(iv)": (
        "§3(x)(iv)",
        "Plagiarised material: any material in violation of any laws, including copyright",
        "copyright",
        ("We retain the right to remove comments or content that includes:",),
    ),
    "croft/9-do(a)": (
        "§9 Do (a)",
        "Set appropriate privacy settings for any blog or networking site.",
        "site.",
        ("Do:",),
    ),
    "croft/9-dont(a)": ("§9 Don't (a)", "Blog in haste.", "haste.", ("Don't:",)),
    "croft/9-dont(c)": (
        "§9 Don't (c)",
        "Use Council facilities for personal or political purposes.",
        "purposes.",
        ("Don't:",),
    ),
    # crewe
    "crewe/virus-controls/2": (
        "Virus Controls, point 2",
        "No software should be loaded onto the Council's equipment without the permission of "
        "the Town Clerk.",
        "Town Clerk.",
        (),
    ),
    "crewe/introduction/item-1": (
        "Introduction, item 1",
        "Customer agenda - To enable customers",
        "through digital solutions.",
        ("It has 3 broad aims:",),
    ),
    "crewe/introduction-2/1": (
        "Introduction, point 1",
        "The Council uses its computer, software packages and the internet",
        "regulate the use of these facilities.",
        (),
    ),
    "crewe/misuse/1": (
        "Misuse, point 1",
        "This Policy applies to the activities which constitute unacceptable use",
        MISUSE_LEAD_IN_END,
        (),
    ),
    "crewe/misuse/item-6": ("Misuse, item 6", MISUSE_ITEM_6, ":", (MISUSE_LEAD_IN_END,)),
    "crewe/misuse/item-6/6": (
        "Misuse, item 6, point 6",
        "Playing games during working hours",
        "hours",
        (MISUSE_LEAD_IN_END, MISUSE_ITEM_6),
    ),
    "crewe/security/3": (
        "Security, point 3",
        "Ensuring the secure location of equipment and documentation",
        ".",
        ("These will include:",),
    ),
    # flitwick
    "flitwick/virus-controls/2": (
        "Virus Controls, point 2",
        "No software should be loaded onto the Council's equipment without the permission of "
        "the Town Clerk.",
        "Town Clerk.",
        (),
    ),
    "flitwick/background/13": (
        "Background, point 13",
        "The Rufus Centre Website is intended to:",
        "intended to:",
        (),
    ),
    "flitwick/background/14": (
        "Background, point 14",
        "Promote the conference, celebration and meeting facilities.",
        "facilities.",
        ("The Rufus Centre Website is intended to:",),
    ),
    "flitwick/background/16": (
        "Background, point 16",
        "Promote the café.",
        "café.",
        ("The Rufus Centre Website is intended to:",),
    ),
    "flitwick/background/18": (
        "Background, point 18",
        "Advertise availability in rentable office space.",
        "space.",
        ("The Rufus Centre Website is intended to:",),
    ),
    "flitwick/use-of-computer-equipment/item-2": (
        "Use of Computer Equipment, item 2",
        "The use of new software must first be authorised by the Town Clerk",
        "before general use is permitted.",
        (),
    ),
    "flitwick/misuse/item-6/6": (
        "Misuse, item 6, point 6",
        "Playing games during working hours",
        "hours",
        (MISUSE_LEAD_IN_END, MISUSE_ITEM_6),
    ),
}


@pytest.mark.parametrize("cid", sorted(SPOT_CHECKS))
def test_spot_check(cid: str) -> None:
    label, start, end, context = SPOT_CHECKS[cid]
    clause = clauses(cid.split("/", 1)[0]).get(cid)
    assert clause is not None, f"no clause {cid}"
    assert clause.label == label
    assert clause.text.startswith(start)
    assert clause.text.endswith(end)
    if context is not None:
        assert len(clause.context) == len(context)
        for got, want in zip(clause.context, context, strict=True):
            assert got.endswith(want)


def test_spot_checks_cover_every_document() -> None:
    per_council: dict[str, int] = {}
    for cid in SPOT_CHECKS:
        per_council[cid.split("/", 1)[0]] = per_council.get(cid.split("/", 1)[0], 0) + 1
    assert set(per_council) == set(CLAUSE_COUNTS)
    assert min(per_council.values()) >= 6


def test_rugeley_4_5_rejoined_across_page_header() -> None:
    text = clauses("rugeley")["rugeley/4.5"].text
    assert "Such post will also be reported to the Hosts (i.e. Facebook)" in text
    assert "Rugeley Town Council" not in text
    assert text.endswith("also the clerk for council records.")


def test_watton_6_6_list_is_complete() -> None:
    found = [cid for cid in clauses("watton") if cid.startswith("watton/6.6(")]
    assert found == [f"watton/6.6({m})" for m in "abcdefgh"]


def test_rugeley_4_9_items_all_carry_lead_in() -> None:
    items = [c for cid, c in clauses("rugeley").items() if cid.startswith("rugeley/4.9/")]
    assert len(items) == 14
    for clause in items:
        assert clause.context == (
            "When participating in online communication staff and councillors must;",
        )


def test_croft_3_x_sub_items() -> None:
    found = [cid for cid in clauses("croft") if cid.startswith("croft/3(x)(")]
    numerals = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
    assert found == [f"croft/3(x)({n})" for n in numerals]


def test_crewe_repeated_introduction_heading() -> None:
    crewe = clauses("crewe")
    assert "crewe/introduction/1" in crewe
    assert "crewe/introduction-2/1" in crewe
    assert crewe["crewe/introduction-2/1"].heading_path == ("Introduction",)


def test_crewe_misuse_items_carry_lead_in() -> None:
    misuse = [c for cid, c in clauses("crewe").items() if cid.startswith("crewe/misuse/item-")]
    assert misuse
    for clause in misuse:
        assert clause.context[0].endswith(MISUSE_LEAD_IN_END)
    games = next(c for c in misuse if c.text == "Playing games during working hours")
    assert games.context[-1] == MISUSE_ITEM_6


def test_flitwick_rufus_centre_items_carry_lead_in() -> None:
    lead = "The Rufus Centre Website is intended to:"
    items = [c for c in documents()["flitwick"].clauses if lead in c.context]
    assert [c.text for c in items] == [
        "Promote the conference, celebration and meeting facilities.",
        "Advertise regular and on- off events.",
        "Promote the café.",
        "Give information about community groups operating at the centre",
        "Advertise availability in rentable office space.",
    ]
    assert all(c.heading_path[-1] == "Background" for c in items)


def test_watton_heading_path_under_part_heading() -> None:
    clause = clauses("watton")["watton/11.1(a)"]
    assert clause.heading_path == (
        "SOCIAL MEDIA",
        "11. COMPLIANCE WITH RELATED POLICIES AND AGREEMENTS.",
    )
