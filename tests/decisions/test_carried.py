"""Old business: a meeting looks back at the action items its series decided, as Asana has them now.

Against the fake Asana: action items decided and sent in one stand-up, one
completed in Asana and synced, are seen by the next stand-up of the same pod
as done (with when) and open; one from two meetings ago still open is
"carried from" its day; the minutes list them. The selection rules are
checked on their own first.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from podview.cache import reader_for
from podview.decisions import outbox
from podview.decisions.carried import (
    DONE,
    GONE,
    OPEN,
    OVERDUE,
    UNSENT,
    carried_action_items,
)
from podview.decisions.meetings import (
    GROWTH_REVIEW,
    POD_STANDUP,
    end_meeting,
    get_meeting,
    start_meeting,
)
from podview.decisions.minutes import minutes_data, render_markdown
from tests.decisions.conftest import CONFIG, TODAY, pick, push
from tests.decisions.helpers import decide, state
from tests.sync.conftest import sync

BRIGHTSMILE = "1208400000000060"
ZONE = ZoneInfo(CONFIG.timezone)


def held(db, kind: str, started_at: str, pod: str | None = None, *, end: bool = True):
    """A meeting started at `started_at` (UTC), ended unless told otherwise."""
    meeting = start_meeting(db, kind, pod=pod)
    db["meetings"].update(meeting.id, {"started_at": started_at})
    if end:
        end_meeting(db, meeting.id)
    return get_meeting(db, meeting.id)


def task_for(db, decision, *, due: str | None, completed_at: str | None = None, gid: str | None = None) -> str:
    """Pretend the decision was sent: the task it created is in the cache (done or not)."""
    gid = gid or f"9{decision.id[-12:].encode().hex()[:15]}"
    db["tasks"].insert(
        {"gid": gid, "client_gid": BRIGHTSMILE, "name": decision.fields["name"], "kind": "action_item",
         "due_on": due, "completed": int(completed_at is not None), "completed_at": completed_at}
    )
    sent = outbox.get_decision(db, decision.id)
    sent.state, sent.progress.done = outbox.SENT, {"create": gid}
    outbox.save(db, sent)
    return gid


def carried(db, kind=POD_STANDUP, pod="Pod Atlas", before=None, today=TODAY):
    conn = reader_for(db)
    try:
        return carried_action_items(conn, kind, pod, before=before, today=today, zone=ZONE)
    finally:
        conn.close()


def test_the_previous_meeting_brings_all_its_items_older_ones_only_the_open(db):
    pod = pick(db, "SELECT p.name FROM pods p JOIN clients c ON c.pod_gid = p.gid WHERE c.gid = ?", [BRIGHTSMILE])["name"]
    oldest = held(db, POD_STANDUP, "2026-11-09T15:00:00Z", pod)
    older = held(db, POD_STANDUP, "2026-11-16T15:00:00Z", pod)
    review = held(db, GROWTH_REVIEW, "2026-11-20T15:00:00Z")
    last = held(db, POD_STANDUP, "2026-11-23T15:00:00Z", pod)
    items = {}
    for meeting, name, due, done in (
        (oldest, "Old and done", "2026-11-12", "2026-11-13T18:00:00Z"),
        (oldest, "Old and still open", "2026-12-04", None),
        (older, "Older and overdue", "2026-11-20", None),
        (review, "Walkthrough item", None, None),
        (last, "Done since", "2026-11-24", "2026-11-24T14:00:00Z"),
        (last, "Still open", "2026-11-27", None),
        (last, "Deleted in Asana", None, None),
    ):
        decision = decide(db, "action", meeting.id, client=BRIGHTSMILE, name=name, due=due)
        task_for(db, decision, due=due, completed_at=done)
        items[name] = decision
    db["tasks"].delete(state(db, items["Deleted in Asana"]).progress.done["create"])
    decide(db, "action", last.id, client=BRIGHTSMILE, name="Not sent yet")
    dropped = decide(db, "action", last.id, client=BRIGHTSMILE, name="Dropped")
    outbox.discard(db, dropped.id)
    current = held(db, POD_STANDUP, "2026-11-25T15:00:00Z", pod, end=False)
    decide(db, "action", current.id, client=BRIGHTSMILE, name="Decided today")

    found = carried(db, pod=pod, before=current.id)
    assert found.previous is not None and found.previous.id == last.id and found.previous.day == date(2026, 11, 23)
    seen = [(item.name, item.state, item.origin_text) for item in found.items]
    assert seen == [
        ("Done since", DONE, ""),
        ("Old and still open", OPEN, "carried from Mon 9 Nov"),
        ("Older and overdue", OVERDUE, "carried from Mon 16 Nov"),
        ("Still open", OPEN, ""),
        ("Deleted in Asana", GONE, ""),
        ("Not sent yet", UNSENT, ""),
    ], "done first; an older meeting's done item and another series' items are left out"
    done = found.items[0]
    assert done.done_on == date(2026, 11, 24) and done.state_text == "done Tue 24 Nov"
    assert found.items[-1].task_gid is None and found.items[-1].state_text == "not sent yet"
    assert found.items[3].client == "Brightsmile Dental Group" and found.items[3].due_on == date(2026, 11, 27)
    assert carried(db, pod=pod, before=None) == found, "about to start: every ended meeting of the series"
    assert carried(db, pod=pod, before=last.id).previous.id == older.id, "a meeting looks back from its own start"
    assert carried(db, pod="Pod Nobody").items == [] and carried(db, pod="Pod Nobody").previous is None

    reviews = carried(db, kind=GROWTH_REVIEW, pod=None)
    assert [item.name for item in reviews.items] == ["Walkthrough item"] and reviews.for_client(BRIGHTSMILE)


def test_an_items_dates_say_their_year_when_it_is_not_the_meetings(db):
    """The screen's one date style (date_words): `Mon 30 Nov` this year, `30 Dec 2026` looked at in January."""
    pod = pick(db, "SELECT p.name FROM pods p JOIN clients c ON c.pod_gid = p.gid WHERE c.gid = ?", [BRIGHTSMILE])["name"]
    older = held(db, POD_STANDUP, "2026-11-16T15:00:00Z", pod)
    last = held(db, POD_STANDUP, "2026-12-28T15:00:00Z", pod)
    open_one = decide(db, "action", older.id, client=BRIGHTSMILE, name="Renew the domain", due="2026-12-30")
    task_for(db, open_one, due="2026-12-30")
    done = decide(db, "action", last.id, client=BRIGHTSMILE, name="Send the audit", due="2026-12-29")
    task_for(db, done, due="2026-12-29", completed_at="2026-12-29T16:00:00Z")

    this_year = carried(db, pod=pod, today=date(2026, 12, 30))
    assert this_year.previous_text == "Mon 28 Dec"
    assert [(i.state_text, i.origin_text, i.due_text) for i in this_year.items] == [
        ("done Tue 29 Dec", "", "Tue 29 Dec"),
        ("open", "carried from Mon 16 Nov", "Wed 30 Dec"),
    ]
    next_year = carried(db, pod=pod, today=date(2027, 1, 4))
    assert next_year.previous_text == "28 Dec 2026"
    assert [(i.state_text, i.origin_text, i.due_text) for i in next_year.items] == [
        ("done 29 Dec 2026", "", "29 Dec 2026"),
        ("overdue", "carried from 16 Nov 2026", "30 Dec 2026"),
    ]

    january = held(db, POD_STANDUP, "2027-01-04T15:00:00Z", pod)
    conn = reader_for(db)
    md = render_markdown(minutes_data(conn, january, CONFIG))
    conn.close()
    assert "From the stand-up of 28 Dec 2026." in md
    assert "| Renew the domain | Brightsmile Dental Group |" in md
    assert "| 30 Dec 2026 | overdue (carried from 16 Nov 2026) |" in md


def test_decided_sent_completed_in_asana_synced_then_the_next_meeting_sees_both(db, fake, cache_path):
    pod = pick(db, "SELECT p.name FROM pods p JOIN clients c ON c.pod_gid = p.gid WHERE c.gid = ?", [BRIGHTSMILE])["name"]
    before_that = held(db, POD_STANDUP, "2026-11-16T15:00:00Z", pod, end=False)
    lingering = decide(db, "action", before_that.id, client=BRIGHTSMILE, name="Renew the domain", due="2026-11-20")
    end_meeting(db, before_that.id)
    first = held(db, POD_STANDUP, "2026-11-23T15:00:00Z", pod, end=False)
    send = decide(db, "action", first.id, client=BRIGHTSMILE, name="Send the audit", due="2026-11-24")
    call = decide(db, "action", first.id, client=BRIGHTSMILE, name="Call the client", due="2026-12-02")
    assert sorted(push(db, fake).sent) == sorted([lingering.id, send.id, call.id])
    end_meeting(db, first.id)
    sent_gid = state(db, send).progress.done["create"]
    fake.complete_task(sent_gid, at="2026-11-24T16:30:00.000Z")
    sync(fake, cache_path)

    second = start_meeting(db, POD_STANDUP, pod=pod)
    found = carried(db, pod=pod, before=second.id)
    seen = [(item.name, item.state_text, item.origin_text) for item in found.items]
    assert seen == [
        ("Send the audit", "done Tue 24 Nov", ""),
        ("Renew the domain", "overdue", "carried from Mon 16 Nov"),
        ("Call the client", "open", ""),
    ]
    assert found.items[0].task_gid == sent_gid

    decide(db, "postpone", second.id, task=found.items[2].task_gid, to="2026-12-09", reason="Client away")
    decide(db, "comment", second.id, task=found.items[1].task_gid, text="Who has the login?")
    push(db, fake)
    assert fake.task(found.items[2].task_gid)["due_on"] == "2026-12-09", "an open item takes a new due date"
    end_meeting(db, second.id)
    conn = reader_for(db)
    data = minutes_data(conn, get_meeting(db, second.id), CONFIG)
    conn.close()
    assert [(item["name"], item["state"]) for item in data["carried"]["items"]] == [
        ("Send the audit", "done Tue 24 Nov"),
        ("Renew the domain", "overdue"),
        ("Call the client", "open"),
    ]
    md = render_markdown(data)
    assert "## Last meeting's action items" in md and "From the stand-up of Mon 23 Nov" in md
    assert "| Renew the domain | Brightsmile Dental Group |" in md and "carried from Mon 16 Nov" in md
    assert "| Send the audit |" in md and "done Tue 24 Nov" in md
