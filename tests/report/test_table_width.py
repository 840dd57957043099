"""Report tables use the terminal's width: whole names on a wide one, cut only when it is narrow."""

from __future__ import annotations

import json
from datetime import date

import pytest

from podview.cli import main
from podview.config import Config
from podview.demo.build import build_demo_cache
from podview.report.render import cell_width

TODAY = "2026-11-25"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    """The demo agency: its client and goal names are longer than a 100-column table has room for."""
    folder = tmp_path_factory.mktemp("width")
    (folder / "config.toml").write_text('timezone = "America/New_York"\n')
    path = folder / "demo.db"
    build_demo_cache(path, today=date.fromisoformat(TODAY), config=Config(timezone="America/New_York"))
    return str(path)


@pytest.fixture(autouse=True)
def config(demo, monkeypatch):
    monkeypatch.setenv("PODVIEW_CONFIG", str(demo).replace("demo.db", "config.toml"))


def report(capsys, demo, kind, fmt, *extra) -> str:
    code = main(["report", kind, "--db", demo, "--today", TODAY, "--format", fmt, *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_pacing_at_200_columns_prints_every_client_and_goal_whole(capsys, demo, monkeypatch):
    goals = json.loads(report(capsys, demo, "pacing", "json"))["goals"]
    monkeypatch.setenv("COLUMNS", "200")
    lines = report(capsys, demo, "pacing", "table").splitlines()
    assert max(cell_width(line) for line in lines) <= 200
    assert "…" not in "\n".join(lines)
    for goal in goals:
        assert any(goal["client"] in line and goal["name"] in line for line in lines), goal


def test_a_narrow_terminal_still_gets_a_table_that_fits(capsys, demo, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    for kind in ("pacing", "postponed", "risk", "tactics", "weekly"):
        lines = report(capsys, demo, kind, "table").splitlines()
        assert max(cell_width(line) for line in lines) <= 80, kind


def test_without_a_terminal_a_table_is_100_columns(capsys, demo):
    lines = report(capsys, demo, "pacing", "table").splitlines()
    assert max(cell_width(line) for line in lines) <= 100
    assert any("…" in line for line in lines)


def test_table_and_markdown_write_dates_as_people_read_them(capsys, demo, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    for fmt in ("table", "md"):
        out = report(capsys, demo, "postponed", fmt)
        assert "today 25 Nov 2026" in out.splitlines()[0]
        assert "18 Nov → 25 Nov" in out
        assert "2026-" not in out, fmt
    weekly = report(capsys, demo, "weekly", "table")
    assert weekly.startswith("Week 2026-W48 (23–29 Nov) · today 25 Nov 2026")
    assert "Fri 27 Nov" in weekly
    raw = json.loads(report(capsys, demo, "postponed", "json"))
    assert raw["postponed"][0]["due_on"].startswith("2026-")
