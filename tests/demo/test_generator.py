"""The demo agency is deterministic, dated relative to today, and sized as asked.

Shapes of the records are checked in test_demo_records.py, the situations the
figures need in test_demo_situations.py.
"""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, date, timedelta

import pytest

from podview.dates import Week
from podview.demo.generator import build_dump
from tests.demo.reading import TODAY, all_tasks, local, named, projects, read, tasks_of, value

# --- determinism ----------------------------------------------------------


def test_same_arguments_give_identical_json(dump):
    assert json.dumps(build_dump(TODAY), ensure_ascii=False) == json.dumps(dump, ensure_ascii=False)


def test_another_seed_gives_another_agency(dump):
    other = build_dump(TODAY, seed=7)
    assert json.dumps(other) != json.dumps(dump)
    assert sorted(projects(other)) == sorted(projects(dump)), (
        "the cast keeps its names whatever the seed"
    )


def test_a_later_today_shifts_every_date(dump):
    later = build_dump(TODAY + timedelta(days=7))
    before = {t["gid"]: t for t in all_tasks(dump)}
    after = {t["gid"]: t for t in all_tasks(later)}
    assert before.keys() == after.keys()
    for gid, task in before.items():
        if task["due_on"] is not None:
            assert date.fromisoformat(after[gid]["due_on"]) - date.fromisoformat(
                task["due_on"]
            ) == timedelta(days=7)
        assert local(after[gid]["created_at"]).date() - local(
            task["created_at"]
        ).date() == timedelta(days=7)


# --- dates ----------------------------------------------------------------


@pytest.mark.parametrize("today", [TODAY, date(2027, 1, 4), date(2026, 3, 8), date(2026, 10, 1)])
def test_every_date_lies_in_the_16_weeks_up_to_todays_week(today):
    """Client since and goal windows are facts, not history, so they may lie outside."""
    dump = build_dump(today)
    first, last = Week.of(today).shift(-15).monday, Week.of(today).sunday

    def check_stamp(stamp, what, until=today):
        for day in (local(stamp).date(), local(stamp).astimezone(UTC).date()):
            assert first <= day <= until, f"{what} {stamp}"

    for task in all_tasks(dump):
        for key in ("created_at", "completed_at", "modified_at"):
            if task[key] is not None:
                check_stamp(task[key], key)
        if task["due_at"] is not None:
            check_stamp(task["due_at"], "due_at", last)
        for day in (task["due_on"], value(task, "Original due")):
            if day is not None:
                assert first <= date.fromisoformat(day) <= last, task["name"]
        assert (
            task["created_at"]
            <= (task["completed_at"] or task["created_at"])
            <= task["modified_at"]
        )
    for stories in dump["stories"].values():
        for story in stories:
            check_stamp(story["created_at"], "story")
            for key in ("old_dates", "new_dates"):
                assert first <= date.fromisoformat(story[key]["due_on"]) <= last
    for updates in dump["status_updates"].values():
        for update in updates:
            check_stamp(update["created_at"], "status update")
    for project in projects(dump).values():
        check_stamp(project["modified_at"], "project")


def test_timestamps_are_utc_with_milliseconds(dump):
    pattern = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
    stamps = [
        t[k] for t in all_tasks(dump) for k in ("created_at", "completed_at", "modified_at") if t[k]
    ]
    stamps += [u["created_at"] for updates in dump["status_updates"].values() for u in updates]
    assert stamps and all(pattern.match(stamp) for stamp in stamps)


# --- the agency's frame ----------------------------------------------------


def test_four_pods_of_three_and_two_teams_that_are_not_pods(dump):
    pods = [team for team in dump["teams"] if re.match(r"^Pod\b", team["name"], re.IGNORECASE)]
    assert [team["name"] for team in pods] == ["Pod Atlas", "Pod Beacon", "Pod Comet", "Pod Delta"]
    assert {team["name"] for team in dump["teams"]} - {team["name"] for team in pods} == {
        "Leadership",
        "Podcast Studio",
    }
    for team in pods:
        people = dump["team_users"][team["gid"]]
        assert len(people) == 3
        for person in people:
            assert len(person["name"].split(" ", 1)) == 2, person["name"]
            assert re.fullmatch(r"[a-z-]+\.[a-z-]+@tallgrassdigital\.com", person["email"])
    leadership = next(team for team in dump["teams"] if team["name"] == "Leadership")
    assert dump["me"] in dump["team_users"][leadership["gid"]]
    assert dump["team_projects"][leadership["gid"]], "a non-pod team with a project to ignore"


def test_sixteen_clients_plus_an_archived_and_an_internal_project(dump, reading):
    assert len(reading) == 16
    by_name = projects(dump)
    assert by_name["Oldfield Plumbing & Heating"]["archived"] is True
    assert "[internal] Pod ops" in by_name
    assert (
        value(named(dump, "[internal] Pod ops", "Hire a second designer"), "Type") == "Weekly goal"
    )


def test_client_count_and_pods_follow_the_arguments():
    small = build_dump(TODAY, clients=3)
    assert len(read(small, TODAY)) == 3
    assert sum(bool(re.match(r"^Pod\b", t["name"])) for t in small["teams"]) == 1
    larger = build_dump(TODAY, clients=21)
    assert len(read(larger, TODAY)) == 21
    assert sum(bool(re.match(r"^Pod\b", t["name"])) for t in larger["teams"]) == 6


def test_a_natural_client_has_60_to_90_tasks(dump, reading):
    sizes = [
        len({t["gid"] for t in tasks_of(dump, name) if t["parent"] is None}) for name in reading
    ]
    assert 60 <= sum(sizes) / len(sizes) <= 90
    assert min(sizes) >= 40


@pytest.fixture(scope="module")
def scaled():
    started = time.perf_counter()
    built = build_dump(TODAY, clients=160, tasks_per_client=310)
    return built, time.perf_counter() - started


def test_the_bench_build_has_about_50000_top_level_tasks(scaled):
    built, seconds = scaled
    top_level = {task["gid"] for task in all_tasks(built) if task["parent"] is None}
    assert 47_500 <= len(top_level) <= 52_500
    assert len(read(built, TODAY)) == 160
    print(f"clients=160 tasks_per_client=310 built in {seconds:.2f} s")
