"""The training reminder: an action item in the module's training project, for its assignee, sent exactly once."""

from __future__ import annotations

import pytest

from podview.decisions.catalogue import FieldInfo, ProjectCatalogue
from podview.decisions.common import ValidationError
from podview.decisions.markers import marker_line
from podview.decisions.minutes import asana_link, summary
from podview.decisions.outbox import SENT
from podview.decisions.requests import catalogue_need, stages
from tests.decisions.conftest import CONFIG, pick, push
from tests.decisions.helpers import decide, marked, state
from tests.fake_asana.faults import Faults

OPEN_MODULE = (
    "SELECT m.gid, m.name, m.project_gid, m.assignee_gid FROM training_modules m "
    "WHERE m.completed = 0 AND m.assignee_gid IS NOT NULL ORDER BY m.gid"
)


def test_a_reminder_lands_once_in_the_training_project_for_the_modules_assignee(db, fake):
    module = pick(db, OPEN_MODULE)
    decision = decide(db, "reminder", module=module["gid"], due="2026-12-04", notes="Before the review.")
    assert decision.target_gid == module["gid"]
    assert decision.fields["name"] == f"Reminder: finish {module['name']}"
    assert push(db, fake).sent == [decision.id]
    assert state(db, decision).state == SENT
    task = fake.task(state(db, decision).progress.done["create"])
    assert [m["project"]["gid"] for m in task["memberships"]] == [module["project_gid"]]
    assert task["name"] == f"Reminder: finish {module['name']}"
    assert task["assignee"]["gid"] == module["assignee_gid"] and task["due_on"] == "2026-12-04"
    assert task["notes"].startswith("Before the review.") and task["notes"].endswith(marker_line(decision.id))
    assert push(db, fake).sent == [], "sent once: a second push has nothing to send"
    sent = state(db, decision)
    assert summary(sent) == (
        f"Training reminder: {sent.fields['assignee_name']} to finish “{module['name']}” by 2026-12-04"
    )
    assert asana_link(sent) == f"https://app.asana.com/0/{module['project_gid']}/{task['gid']}"
    assert len(marked(fake)[decision.id]) == 1


def test_a_lost_answer_is_looked_up_by_its_marker_not_sent_twice(db, fake):
    module = pick(db, OPEN_MODULE)
    decision = decide(db, "reminder", module=module["gid"], due="+1w")
    fake.faults = Faults(lost_response=1.0, max_consecutive=1)
    result = push(db, fake, max_rounds=6, max_tries=6)
    assert result.sent == [decision.id] and result.stats.lookups > 0
    assert len(marked(fake)[decision.id]) == 1


def test_the_type_field_is_set_only_when_the_training_project_has_it(db):
    module = pick(db, OPEN_MODULE)
    decision = decide(db, "reminder", module=module["gid"], due="2026-12-04")
    assert catalogue_need(decision) == (module["project_gid"], False)
    bare = ProjectCatalogue(module["project_gid"], {})
    (create,), = stages(decision, db=db, config=CONFIG, catalogue=bare, meeting=None)
    assert "custom_fields" not in create.data and create.data["projects"] == [module["project_gid"]]
    typed = ProjectCatalogue(
        module["project_gid"], {"type": FieldInfo("77", "Type", "enum", {"action item": "78"})}
    )
    (create,), = stages(decision, db=db, config=CONFIG, catalogue=typed, meeting=None)
    assert create.data["custom_fields"] == {"77": "78"}


def test_a_reminder_needs_an_open_assigned_module_and_a_date(db):
    done = pick(db, "SELECT gid FROM training_modules WHERE completed = 1")["gid"]
    open_one = pick(db, OPEN_MODULE)["gid"]
    db.execute("UPDATE training_modules SET assignee_gid = NULL WHERE gid = (SELECT max(gid) FROM training_modules WHERE completed = 0)")
    nobody = pick(db, "SELECT gid FROM training_modules WHERE assignee_gid IS NULL")["gid"]
    cases = {
        done: "already completed",
        nobody: "assigned to nobody",
        "1999": "no training module 1999",
    }
    for gid, words in cases.items():
        with pytest.raises(ValidationError, match=words):
            decide(db, "reminder", module=gid, due="2026-12-04")
    with pytest.raises(ValidationError, match="needs --due"):
        decide(db, "reminder", module=open_one, due="")


def test_a_comment_goes_on_a_training_module_too(db, fake):
    module = pick(db, OPEN_MODULE)
    decision = decide(db, "comment", task=module["gid"], text="Nearly there.")
    assert decision.fields["task_name"] == module["name"] and decision.fields["client"] is None
    assert push(db, fake).sent == [decision.id]
    assert marked(fake)[decision.id][0][0] == "story"


def test_a_sent_reminder_is_typed_and_the_next_sync_does_not_count_it_as_a_module(db, fake, cache_path):
    """Otherwise each reminder would lower the completion it asks the person to raise."""
    from tests.sync.conftest import sync

    module = pick(db, OPEN_MODULE)
    before = pick(db, "SELECT count(*) AS n FROM training_modules WHERE assignee_gid = ?", [module["assignee_gid"]])["n"]
    decision = decide(db, "reminder", module=module["gid"], due="2026-12-04")
    assert push(db, fake).sent == [decision.id]
    task = fake.task(state(db, decision).progress.done["create"])
    assert [(f["name"], (f.get("enum_value") or {}).get("name")) for f in task["custom_fields"] if f["name"] == "Type"] == [
        ("Type", "Action item")
    ], "the demo's training projects carry Type, so the reminder is typed"
    sync(fake, cache_path)
    after = pick(db, "SELECT count(*) AS n FROM training_modules WHERE assignee_gid = ?", [module["assignee_gid"]])["n"]
    assert after == before
