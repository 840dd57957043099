"""The stand-up's People step, hand-computed: each pod member's last ended week and this week's open goals.

Today is Wednesday 2026-11-25 in New York: last week is 2026-W47 (16–22 Nov),
this week 2026-W48 (23–29 Nov).
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from podview.figures.people_week import MemberWeek, pod_people_week

NEW_YORK = ZoneInfo("America/New_York")
TODAY = date(2026, 11, 25)
MONDAY = "T14:00:00.000Z"  # 09:00 in New York


def test_each_member_by_name_with_last_week_this_weeks_open_goals_and_signals(agency):
    a = agency
    alpha, beta = a.pod("Pod Alpha"), a.pod("Pod Beta")
    acme, cedar = a.client("Acme", alpha), a.client("Cedar", beta)
    ann, cat = a.user("Ann", pod=alpha), a.user("Cat", pod=alpha)
    bob = a.user("Bob", pod=beta)
    # Ann, W47: hit (set on the Monday), late (done after the week, set on Tuesday), missed (set on Wednesday).
    a.task(acme, "Hit", due_on="2026-11-17", completed_at="2026-11-17T15:00:00.000Z", assignee=ann,
           created_at="2026-11-16" + MONDAY)
    a.task(acme, "Late", due_on="2026-11-18", completed_at="2026-11-24T15:00:00.000Z", assignee=ann,
           created_at="2026-11-17" + MONDAY)
    a.task(acme, "Missed", due_on="2026-11-19", assignee=ann, created_at="2026-11-18T15:00:00.000Z")
    # Ann, W48: one hit already, one still open; a goal of Bob's in her client is not hers.
    a.task(acme, "Done early", due_on="2026-11-27", completed_at="2026-11-24T15:00:00.000Z", assignee=ann,
           created_at="2026-11-23" + MONDAY)
    a.task(acme, "Still open", due_on="2026-11-26", assignee=ann, created_at="2026-11-23" + MONDAY)
    a.task(cedar, "Bob's", due_on="2026-11-26", assignee=bob, created_at="2026-11-23" + MONDAY)
    # Cat has an overdue training module and nothing else.
    course = a.training_project("Training · Onboarding")
    a.module(course, cat, "Overdue", due_on="2026-11-20")

    people = pod_people_week(a.reader(), today=TODAY, zone=NEW_YORK, pod="pod alpha")

    assert people == [
        MemberWeek(ann, "Ann", goals=3, hit=1, late=1, missed=1, postponed=0, this_week=2, open_now=1,
                   coach=["hit_rate_low", "plans_late"]),
        MemberWeek(cat, "Cat", goals=0, hit=0, late=0, missed=0, postponed=0, this_week=0, open_now=0,
                   coach=["training_overdue"]),
    ]


def test_a_pod_the_cache_does_not_have_has_no_people(agency):
    agency.pod("Pod Alpha")
    assert pod_people_week(agency.reader(), today=TODAY, zone=NEW_YORK, pod="Pod Nowhere") == []
