"""Who the demo's clients are and what trouble each one is in.

The first sixteen clients are written by hand so that every figure and flag
podview shows has a known example with a fixed name (end-to-end tests and the
README point at them); clients past sixteen are drawn at random for the bench.
A plan (model.ClientPlan) says *what* should be true of a client; the
generator's parts make it so.
"""

from __future__ import annotations

import random

from podview.demo.model import ClientPlan
from podview.demo.names import CLIENT_KINDS, CLIENT_PREFIXES

GOAL_KINDS = (
    "on_track",
    "ending",
    "at_risk",
    "off_track",
    "achieved",
    "missed",
    "not_started",
    "no_metric",
    "no_dates",
    "quarter",
)
"""Pacing statuses a goal is built for (`ending`: on track, ≤ 21 days left; `quarter`: period only)."""


CAST = (
    ClientPlan(
        "Brightsmile Dental Group",
        "dental",
        18500,
        1400,
        30000,
        "over",
        1.5,
        ("on_track", "at_risk", "off_track"),
        "struggling",
        ("off_track", "ending"),
        postponements=3,
        silent_moves=1,
        loss_streak=True,
        specials=("subtasks",),
    ),
    ClientPlan(
        "Ledgerly",
        "saas",
        24000,
        1100,
        42000,
        "on",
        0.9,
        ("on_track", "on_track"),
        "steady",
        ("on_track",),
        postponements=1,
        specials=("recurring", "section_trap", "confidence_95"),
    ),
    ClientPlan(
        "Harbor & Pine Law",
        "legal",
        9500,
        800,
        12000,
        "on",
        1.0,
        ("on_track", "at_risk"),
        "steady",
        ("at_risk",),
        type_field=False,
        specials=("subtask_in_section",),
    ),
    ClientPlan(
        "Kettle & Crumb 🍪",
        "food",
        4200,
        650,
        6000,
        None,
        0.95,
        ("on_track", "on_hold"),
        "steady",
        ("achieved", "missed"),
        specials=("recreated",),
    ),
    ClientPlan(
        "Northwind Outdoor Co.",
        "ecommerce",
        31000,
        2000,
        55000,
        "on",
        1.4,
        ("at_risk",),
        "steady",
        ("on_track",),
        specials=("sunday_evening",),
    ),
    ClientPlan(
        "Peakform Fitness Studios",
        "fitness",
        6800,
        500,
        9000,
        "under",
        1.05,
        ("on_track",),
        "steady",
        ("not_started", "no_metric"),
    ),
    ClientPlan(
        "Clearview Eye Care",
        "health",
        3500,
        30,
        7000,
        "on",
        0.85,
        (),
        "steady",
        ("on_track",),
    ),
    ClientPlan(
        "Tidewater Realty Group",
        "realestate",
        None,
        900,
        15000,
        "on",
        1.1,
        ("on_track", "on_hold"),
        "steady",
        ("at_risk",),
        postponements=1,
        action_section=False,
        specials=("same_week_postponement", "carried_into_current"),
    ),
    ClientPlan(
        "Lumen Analytics",
        "saas",
        15000,
        1300,
        25000,
        "on",
        0.8,
        ("on_track", "on_track"),
        "steady",
        ("no_dates", "quarter"),
        text_tactic=True,
    ),
    ClientPlan(
        "Vireo Skincare",
        "ecommerce",
        12500,
        700,
        20000,
        "over",
        1.15,
        ("at_risk", "off_track"),
        "struggling",
        ("off_track", "quarter"),
        specials=("empty_tactic", "green_while_off_track"),
    ),
    ClientPlan(
        "Summit Roofing & Solar",
        "home",
        7200,
        60,
        14000,
        "on",
        1.3,
        ("at_risk",),
        "steady",
        ("ending",),
    ),
    ClientPlan(
        "Greenleaf Veterinary Clinics",
        "health",
        11000,
        1600,
        16000,
        "on",
        0.9,
        ("on_track",),
        "steady",
        ("achieved",),
        specials=("laundered",),
    ),
    ClientPlan(
        "Copperline Coffee Roasters",
        "food",
        2000,
        91,
        None,
        "on",
        None,
        ("on_track",),
        "steady",
        ("at_risk",),
        specials=("no_due_date", "unassigned"),
    ),
    ClientPlan(
        "Meridian Wealth Partners",
        "finance",
        40000,
        2500,
        35000,
        "on",
        1.1,
        ("on_track", "off_track"),
        "struggling",
        ("missed", "on_track"),
        loss_streak=True,
        specials=("blank_reason", "due_at"),
    ),
    ClientPlan(
        "Bluebird Home Care",
        "health",
        5600,
        1000,
        8000,
        "on",
        1.0,
        ("on_track",),
        "steady",
        ("on_track",),
        specials=("right_to_left", "html_name", "long_name"),
    ),
    ClientPlan(
        "Forge Athletics",
        "fitness",
        8900,
        1200,
        11000,
        "on",
        1.0,
        ("on_track", "at_risk"),
        "steady",
        ("off_track",),
        postponements=3,
    ),
)


def extra_names(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """`count` distinct (client name, industry) pairs for clients past the cast."""
    pairs = [
        (f"{prefix} {kind}", industry)
        for prefix in CLIENT_PREFIXES
        for kind, industry in CLIENT_KINDS
    ]
    rng.shuffle(pairs)
    names = []
    for index in range(count):
        name, industry = pairs[index % len(pairs)]
        round_ = index // len(pairs)
        names.append((name if round_ == 0 else f"{name} {round_ + 1}", industry))
    return names


def random_plan(name: str, industry: str, rng: random.Random) -> ClientPlan:
    """A plausible client with random troubles, for agencies larger than the cast."""
    statuses = tuple(
        rng.choice(("on_track", "on_track", "at_risk", "off_track", "on_hold"))
        for _ in range(rng.randint(0, 3))
    )
    plain = (
        "on_track",
        "on_track",
        "ending",
        "at_risk",
        "off_track",
        "achieved",
        "missed",
        "not_started",
        "quarter",
    )
    return ClientPlan(
        name=name,
        industry=industry,
        mrr=None if rng.random() < 0.05 else float(rng.randrange(2000, 40001, 100)),
        since_days=rng.randint(20, 90) if rng.random() < 0.1 else rng.randint(120, 2500),
        budget=None if rng.random() < 0.05 else float(rng.randrange(4000, 60001, 500)),
        spend=rng.choice(("on", "on", "on", "over", "under", None)),
        cpa_ratio=None if rng.random() < 0.05 else round(rng.uniform(0.7, 1.6), 2),
        statuses=statuses,
        hitting="random",
        goals=tuple(rng.choice(plain) for _ in range(rng.randint(1, 3))),
        postponements=rng.choice((0, 0, 1, 1, 2, 3)),
        silent_moves=1 if rng.random() < 0.1 else 0,
        loss_streak=rng.random() < 0.1,
    )
