"""Fake company names, people's names and emails built from word lists.

Every email domain ends in `.example`, a top-level domain reserved for
documentation and examples, so no generated address can reach a real mailbox.
"""

from __future__ import annotations

import re

import numpy as np

COMPANY_FIRST_WORDS = (
    "Alder", "Amber", "Apex", "Arbor", "Aspen", "Atlas", "Beacon", "Birch",
    "Blue", "Bright", "Cedar", "Cobalt", "Copper", "Coral", "Crest", "Delta",
    "Ember", "Falcon", "Fern", "Granite", "Harbor", "Hazel", "Indigo", "Iron",
    "Juniper", "Keystone", "Lark", "Linden", "Maple", "Meadow", "Mesa", "North",
    "Oak", "Onyx", "Orchid", "Pine", "Quartz", "Raven", "Ridge", "River",
    "Sage", "Silver", "Slate", "Spruce", "Summit", "Thistle", "Tidal", "Willow",
)  # fmt: skip
COMPANY_SECOND_WORDS = (
    "Bay", "Bridge", "Brook", "Canyon", "Cove", "Creek", "Field", "Forge",
    "Gate", "Glen", "Grove", "Hill", "Hollow", "Lake", "Line", "Mill",
    "Peak", "Point", "Port", "Rock", "Shore", "Springs", "Stone", "Vale",
    "View", "Wave", "Wind", "Wood",
)  # fmt: skip
COMPANY_SUFFIXES = (
    "Analytics", "Architects", "Builders", "Consulting", "Design", "Dynamics",
    "Foods", "Health", "Labs", "Logistics", "Media", "Outdoors", "Partners",
    "Robotics", "Software", "Studio", "Systems", "Travel", "Ventures", "Works",
)  # fmt: skip
FIRST_NAMES = (
    "aisha", "alex", "amara", "ana", "ben", "carla", "chen", "daniel", "diego",
    "elena", "emma", "farah", "felix", "grace", "hana", "ivan", "jamal", "jonas",
    "julia", "kai", "laura", "leo", "lina", "marco", "maria", "mei", "mina",
    "noah", "nora", "omar", "priya", "rafael", "ravi", "rosa", "sam", "sara",
    "sofia", "tariq", "tomas", "yara", "yusuf", "zoe",
)  # fmt: skip
LAST_NAMES = (
    "adeyemi", "alvarez", "bauer", "becker", "costa", "dubois", "evans", "fischer",
    "garcia", "haddad", "hansen", "ito", "jensen", "kim", "kowalski", "larsen",
    "lopez", "mendes", "moreau", "murphy", "nakamura", "novak", "okafor", "olsen",
    "patel", "petrov", "quinn", "rossi", "santos", "schmidt", "silva", "singh",
    "tanaka", "varga", "wagner", "weber", "wong", "yilmaz", "young", "zhang",
)  # fmt: skip
STAFF_EMAIL_DOMAIN = "launchpad.example"

COMPANY_NAME_COUNT = len(COMPANY_FIRST_WORDS) * len(COMPANY_SECOND_WORDS) * len(COMPANY_SUFFIXES)


def company_names(account_numbers: np.ndarray, order: np.ndarray) -> list[str]:
    """Return a company name for each 0-based account number.

    `order` is a permutation of range(COMPANY_NAME_COUNT) that shuffles the
    word combinations. Account numbers beyond the number of combinations reuse
    them with a numeric suffix, so every name is unique.
    """
    names = []
    second_count = len(COMPANY_SECOND_WORDS)
    suffix_count = len(COMPANY_SUFFIXES)
    for number in account_numbers.tolist():
        combination = int(order[number % COMPANY_NAME_COUNT])
        first, rest = divmod(combination, second_count * suffix_count)
        second, suffix = divmod(rest, suffix_count)
        name = (
            f"{COMPANY_FIRST_WORDS[first]} {COMPANY_SECOND_WORDS[second]}"
            f" {COMPANY_SUFFIXES[suffix]}"
        )
        repeat = number // COMPANY_NAME_COUNT
        if repeat:
            name = f"{name} {repeat + 1}"
        names.append(name)
    return names


def email_domain(company_name: str) -> str:
    """Return the reserved example domain of a company, such as `oak-bay-labs.example`."""
    slug = re.sub(r"[^a-z0-9]+", "-", company_name.lower()).strip("-")
    return f"{slug}.example"


def person_emails(
    rng: np.random.Generator, domains: list[str], group_keys: np.ndarray
) -> list[str]:
    """Return a random first.last email for each person at their domain.

    People with the same group key, the members of one account, never share an
    address: a repeated name gets a number appended.
    """
    first = rng.integers(0, len(FIRST_NAMES), size=len(domains))
    last = rng.integers(0, len(LAST_NAMES), size=len(domains))
    seen: dict[tuple[int, str], int] = {}
    emails = []
    for index, domain in enumerate(domains):
        local = f"{FIRST_NAMES[first[index]]}.{LAST_NAMES[last[index]]}"
        key = (int(group_keys[index]), local)
        count = seen.get(key, 0)
        seen[key] = count + 1
        if count:
            local = f"{local}{count + 1}"
        emails.append(f"{local}@{domain}")
    return emails
