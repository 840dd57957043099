"""The command line's lists print like its reports: a table fitted to 100 columns, JSON with names as written."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date

import pytest

from podview.cli import main
from podview.config import Config
from podview.demo.build import build_demo_cache
from podview.report.render import cell_width

TODAY = date(2026, 11, 25)
ERROR = (
    "Asana answered 403 Forbidden:\n  the task is in a project\tyou cannot edit; ask its owner to add you, "
    "then run `podview decisions retry`."
)


@pytest.fixture(scope="module")
def demo_bytes(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_cache(path, today=TODAY, config=Config())
    return path.read_bytes()


@pytest.fixture
def demo(tmp_path, monkeypatch, demo_bytes):
    """A copy of the demo cache, no config file, no token."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for name in ("PODVIEW_CONFIG", "PODVIEW_DB", "ASANA_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PODVIEW_TODAY", TODAY.isoformat())
    path = tmp_path / "demo.db"
    path.write_bytes(demo_bytes)
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def an_open_goal(capsys, path) -> str:
    code, out, err = run(capsys, "report", "weekly", "--db", path, "--format", "json")
    assert code == 0, err
    return next(goal["task_gid"] for goal in json.loads(out)["goals"] if goal["status"] == "open")


def test_a_failed_decision_lists_as_a_fitted_table_with_its_whole_error(capsys, demo):
    gid = an_open_goal(capsys, demo)
    code, out, err = run(capsys, "decide", "postpone", "--task", gid, "--to", "2026-12-10", "--reason", "Holiday", "--db", demo, "--no-send")
    assert code == 0, err
    decision = out.strip()
    with sqlite3.connect(demo) as conn:
        conn.execute("UPDATE decisions SET state = 'failed', error = ? WHERE id = ?", (ERROR, decision))

    code, out, err = run(capsys, "decisions", "--db", demo, "--format", "table")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "KIND", "STATE", "TARGET", "CREATED", "ERROR"]
    assert set(lines[1].replace("  ", "")) == {"─"}
    assert lines[2].startswith(f"{decision}  postpone  failed  {gid}  ")
    assert all(cell_width(line) <= 100 for line in lines)
    # ID 26, KIND 8, STATE 6, TARGET 16, CREATED (`Wed 25 Nov 09:30`, 15 or 16) and five gaps of 2 leave
    # the rest of the 100 columns to ERROR, where the error, on one line in words, continues from row to row.
    error_at = lines[0].index("ERROR")
    assert 26 + 8 + 6 + 16 + 15 + 5 * 2 <= error_at <= 26 + 8 + 6 + 16 + 16 + 5 * 2 and len(lines[1]) == 100
    assert re.search(r"  [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d\d:\d\d  ", lines[2]), "CREATED as people read it"
    continued = [line[error_at:] for line in lines[2:]]
    assert len(continued) > 1 and all(cell_width(part) <= 100 - error_at for part in continued)
    assert all(line[:error_at].strip() == "" for line in lines[3:]), "only the error continues"
    assert " ".join(continued) == " ".join(ERROR.split())


def test_an_empty_list_is_its_header(capsys, demo):
    code, out, _ = run(capsys, "decisions", "--db", demo, "--format", "table")
    assert code == 0
    assert out.splitlines()[0].split() == ["ID", "KIND", "STATE", "TARGET", "CREATED", "ERROR"]
    assert len(out.splitlines()) == 2
    code, out, _ = run(capsys, "decisions", "--db", demo, "--format", "json")
    assert (code, out) == (0, "[]\n")


def test_meetings_list_as_a_table_and_as_json_with_names_as_written(capsys, demo):
    code, out, err = run(capsys, "meeting", "start", "--kind", "growth-review", "--attendees", "Zoë, José", "--db", demo)
    assert code == 0, err
    meeting = out.strip()
    code, out, _ = run(capsys, "meeting", "list", "--db", demo, "--format", "table")
    header, _, row = out.splitlines()
    assert header.split() == ["ID", "KIND", "POD", "STARTED", "ENDED"]
    assert row.split()[:3] == [meeting, "growth-review", "—"] and row.endswith("  open")
    code, out, _ = run(capsys, "meeting", "list", "--db", demo, "--format", "json")
    assert '"Zoë"' in out and "\\u" not in out
    assert json.loads(out)[0]["attendees"] == ["Zoë", "José"]
