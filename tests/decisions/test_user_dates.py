"""Dates as people type them into a decision: `2026-12-04`, `Dec 4`, `4 Dec`, `December 4 2026`, `+3d`, `+1w`.

One parser (`dates.parse_user_date`) serves the command line's `--to`/`--due`
and the app's decision form, through `validate`. Relative and year-less
dates are read against the app's or command line's today (`--today`,
`PODVIEW_TODAY`). Today is Wednesday 2026-11-25 unless a test says otherwise.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import pytest

from podview.dates import USER_DATE_FORMS, DateError, parse_user_date
from podview.decisions.common import ValidationError
from podview.decisions.outbox import get_decision
from podview.decisions.validate import validate
from tests.decisions.conftest import cli, pick

TODAY = date(2026, 11, 25)
BRIGHTSMILE = "1208400000000060"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2026-12-04", date(2026, 12, 4)),
        ("Dec 4", date(2026, 12, 4)),
        ("4 Dec", date(2026, 12, 4)),
        ("December 4 2026", date(2026, 12, 4)),
        ("dec 4, 2026", date(2026, 12, 4)),
        ("4 December 2027", date(2027, 12, 4)),
        ("  Dec 4  ", date(2026, 12, 4)),
        ("+3d", date(2026, 11, 28)),
        ("+1w", date(2026, 12, 2)),
        ("+2 weeks", date(2026, 12, 9)),
        ("+10 days", date(2026, 12, 5)),
        ("+0d", TODAY),
    ],
)
def test_every_accepted_form(typed, meant):
    assert parse_user_date(typed, TODAY) == meant


@pytest.mark.parametrize(
    ("today", "typed", "meant"),
    [
        (date(2026, 12, 5), "Jan 8", date(2027, 1, 8)),  # next month is next year's January
        (date(2026, 12, 5), "Dec 1", date(2026, 12, 1)),  # four days ago stays in the past
        (date(2026, 1, 3), "Dec 30", date(2025, 12, 30)),  # four days ago, last year
        (date(2026, 12, 5), "Jun 5", date(2027, 6, 5)),  # 182 days ahead beats 183 days ago
        (date(2026, 12, 5), "Jun 6", date(2026, 6, 6)),  # 182 days ago beats 183 days ahead
        (date(2027, 12, 1), "Feb 29", date(2028, 2, 29)),  # the one leap day near
    ],
)
def test_a_date_without_a_year_is_the_one_nearest_today(today, typed, meant):
    assert parse_user_date(typed, today) == meant


def test_feb_29_with_no_leap_year_near_asks_for_the_year():
    with pytest.raises(DateError, match="write the year too, e.g. Feb 29 2028"):
        parse_user_date("Feb 29", TODAY)
    assert parse_user_date("Feb 29 2028", TODAY) == date(2028, 2, 29)


@pytest.mark.parametrize(
    "typed",
    ["soon", "next friday", "tomorrow", "12/04", "December", "Dec 32", "2026-02-30", "20261204", "Dec 4 soon", "+3", "-1w", ""],
)
def test_anything_else_is_refused_naming_every_accepted_form(typed):
    with pytest.raises(DateError) as caught:
        parse_user_date(typed, TODAY)
    message = str(caught.value)
    assert repr(typed.strip()) in message and USER_DATE_FORMS in message
    assert "2026-12-04, Dec 4, 4 Dec, December 4 2026, +3d" in message


def test_dateutil_is_loaded_only_for_a_named_month():
    probe = (
        "import sys, json\nfrom datetime import date\nfrom podview.dates import parse_user_date\n"
        "import podview.decisions.validate\n"
        "parse_user_date('2026-12-04', date(2026, 11, 25)); parse_user_date('+1w', date(2026, 11, 25))\n"
        "before = 'dateutil' in sys.modules\n"
        "parse_user_date('Dec 4', date(2026, 11, 25))\n"
        "print(json.dumps([before, 'dateutil' in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [False, True]


# -- through validation (what the command line and the form both call) --------------------------


def test_an_action_items_due_date_in_each_form(db):
    def due(typed, **kw):
        inputs = {"client": BRIGHTSMILE, "name": "Call the client", "due": typed}
        return validate(db, "action", inputs, **kw).fields["due"]

    assert due("+3d", today=TODAY) == "2026-11-28"
    assert due("+1w", today=date(2026, 12, 1)) == "2026-12-08"
    assert due("4 Dec", today=TODAY) == "2026-12-04"
    assert due("December 4 2026", today=TODAY) == "2026-12-04"


def test_without_a_today_given_podview_today_is_used(db, monkeypatch):
    monkeypatch.setenv("PODVIEW_TODAY", "2026-11-25")
    draft = validate(db, "action", {"client": BRIGHTSMILE, "name": "Call", "due": "+1w"})
    assert draft.fields["due"] == "2026-12-02"


def test_a_postponement_to_a_relative_date_is_kept_as_that_day(db):
    goal = pick(db, "SELECT gid, due_on FROM tasks WHERE kind = 'weekly_goal' AND completed = 0 AND due_on IS NOT NULL ORDER BY gid")
    due = date.fromisoformat(goal["due_on"])
    draft = validate(db, "postpone", {"task": goal["gid"], "to": "+1w", "reason": "client away"}, today=due)
    assert draft.fields["to"] == (due + timedelta(days=7)).isoformat()
    # a year-less day just gone stays in the past, where the postponement's own check refuses it
    gone = f"{due - timedelta(days=3):%b %d}"
    with pytest.raises(ValidationError, match="is not later than the current due date"):
        validate(db, "postpone", {"task": goal["gid"], "to": gone, "reason": "x"}, today=due)


def test_garbage_is_one_clear_problem_under_its_option(db):
    with pytest.raises(ValidationError) as caught:
        validate(db, "action", {"client": BRIGHTSMILE, "name": "Call", "due": "soon"}, today=TODAY)
    (problem,) = caught.value.problems
    assert problem.key == "due"
    assert problem.line == (
        "--due: 'soon' is not a date podview can read; write 2026-12-04, Dec 4, 4 Dec, December 4 2026, "
        "+3d (days from today) or +1w (weeks)"
    )


# -- the command line ------------------------------------------------------------------------------


def test_decide_reads_due_dates_against_the_command_lines_today(env, db):
    code, out, err = cli("decide", "action", "--client", BRIGHTSMILE, "--name", "Call", "--due", "+3d",
                         "--no-send", "--today", "2026-12-01")
    assert code == 0, err
    first = get_decision(db, out.strip())
    code, out, err = cli("decide", "action", "--client", BRIGHTSMILE, "--name", "Call", "--due", "Dec 4", "--no-send")
    assert code == 0, err
    second = get_decision(db, out.strip())
    assert (first.fields["due"], second.fields["due"]) == ("2026-12-04", "2026-12-04")
    code, out, err = cli("decisions", "edit", second.id, "--due", "+1w", "--no-send")  # PODVIEW_TODAY 2026-11-25
    assert code == 0, err
    assert get_decision(db, second.id).fields["due"] == "2026-12-02"


def test_decide_with_a_date_it_cannot_read_exits_1_with_the_forms(env):
    code, _, err = cli("decide", "action", "--client", BRIGHTSMILE, "--name", "Call", "--due", "soon", "--no-send")
    assert code == 1 and "Traceback" not in err
    assert err.strip() == (
        "podview: --due 'soon' is not a date podview can read; write 2026-12-04, Dec 4, 4 Dec, "
        "December 4 2026, +3d (days from today) or +1w (weeks)"
    )
