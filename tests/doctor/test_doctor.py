"""`podview doctor` against the fake Asana on 127.0.0.1: the demo agency, the same agency under its own names, and what can go wrong."""

from __future__ import annotations

import copy
import json
import socket

import pytest

from podview.cache import open_cache
from podview.cli import main
from podview.config import Config
from podview.demo.generator import build_dump
from podview.report.render import cell_width
from podview.sync.load import load_dump
from tests.fake_asana.renamed import MAPPED_CONFIG, renamed
from tests.sync.conftest import TODAY

DEFAULT_CONFIG = 'timezone = "America/New_York"\n'


@pytest.fixture(scope="module")
def demo_dump():
    return build_dump(TODAY, clients=8)


@pytest.fixture
def env(tmp_path, monkeypatch):
    """Config, cache and token in the test's own folder; the fake is pointed at by `serve`."""
    monkeypatch.setenv("PODVIEW_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("PODVIEW_DB", str(tmp_path / "cache.db"))
    monkeypatch.setenv("PODVIEW_TODAY", TODAY.isoformat())
    (tmp_path / "config.toml").write_text(DEFAULT_CONFIG)
    return tmp_path


@pytest.fixture
def serve(env, asana_on):
    """Start a fake Asana on a dump and point podview at it with its token (after `env` has set the folder up)."""
    return asana_on


def doctor(capsys, *argv):
    """Exit code and the JSON document."""
    code = main(["doctor", "--format", "json", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, json.loads(out)


def findings(report, check, level=None):
    return [f for f in report[check]["findings"] if level is None or f["level"] == level]


def one(report, check, item):
    return next(f for f in report[check]["findings"] if f["item"] == item)


def test_the_demo_agency_has_everything_and_exits_0(serve, demo_dump, env, capsys):
    serve(demo_dump)
    db = open_cache(env / "cache.db")
    load_dump(db, demo_dump, Config(timezone="America/New_York"), source="asana")
    db.conn.close()
    code, report = doctor(capsys)
    assert code == 0 and report["exit"] == 0
    assert list(report) == ["token", "config", "workspace", "fields", "sections", "screens", "cache", "exit"]
    assert "ASANA_TOKEN" in one(report, "token", "token")["says"] and one(report, "token", "token")["user"] == "Dana Whitfield"
    pods = one(report, "workspace", "pods")
    assert pods["pods"] == ["Pod Atlas", "Pod Beacon"] and pods["rule"] == "pattern"
    atlas = one(report, "workspace", "Pod Atlas")
    assert len(atlas["members"]) == 3 and "Brightsmile Dental Group" in atlas["clients"]
    result = one(report, "fields", "result")
    assert result["found"] and result["type"] == "enum" and result["gid"]
    assert one(report, "fields", "win")["level"] == "ok"
    assert report["screens"]["status"] == "ok"
    cache = one(report, "cache", "file")
    assert cache["schema"] and cache["demo"] is False
    assert one(report, "cache", "last sync")["source"] == "asana"


def test_own_names_with_the_default_config_exit_3_and_say_what_to_set(serve, demo_dump, capsys):
    serve(renamed(demo_dump))
    code, report = doctor(capsys)
    assert code == 3
    pods = one(report, "workspace", "pods")
    assert pods["level"] == "missing" and "Squad 1 · Atlas" in pods["says"]
    assert "pattern = '^Squad\\b'" in pods["todo"]
    result = one(report, "fields", "result")
    assert result["level"] == "missing" and '"Outcome"' in result["todo"]
    assert '"Stat sig %"' in one(report, "fields", "confidence")["todo"]
    lacks = [f"{f['item']}: {f['says']}" for f in findings(report, "screens")]
    assert "Every screen: no pods, nothing to show" in lacks
    assert "Tactics: no Confidence field: every decided test counts at any confidence" in lacks


def test_own_names_with_the_mapping_config_exit_0(serve, demo_dump, env, capsys):
    serve(renamed(demo_dump))
    (env / "config.toml").write_text(MAPPED_CONFIG)
    code, report = doctor(capsys)
    assert code == 0, [f for c in report.values() if isinstance(c, dict) for f in c["findings"] if f["level"] in ("missing", "error")]
    assert one(report, "workspace", "pods")["pods"] == ["Squad 1 · Atlas", "Squad 2 · Beacon"]
    assert one(report, "fields", "win")["says"] == '"Outcome" option "Won"'
    assert one(report, "fields", "score")["name"] == "Quiz score"
    assert "This week's targets" in one(report, "sections", "weekly_goals")["says"]


def edit_field(dump, name, change):
    """Apply `change` to every custom field named `name` in the projects' field settings."""
    dump = copy.deepcopy(dump)
    settings = [s for listing in dump["custom_field_settings"].values() for s in listing]
    settings += [s for projects in dump["team_projects"].values() for p in projects for s in p.get("custom_field_settings") or []]
    for setting in settings:
        if setting["custom_field"]["name"] == name:
            change(setting["custom_field"])
    return dump


def test_a_text_field_where_a_number_is_needed_is_an_error(serve, demo_dump, capsys):
    def to_text(field):
        field.update(type="text", resource_subtype="text")

    serve(edit_field(demo_dump, "Confidence", to_text))
    code, report = doctor(capsys)
    assert code == 3
    confidence = one(report, "fields", "confidence")
    assert confidence["level"] == "error" and "text field; podview needs a number" in confidence["says"]
    assert any(f["says"].startswith("no Confidence field") for f in findings(report, "screens", "missing"))


def test_two_fields_with_the_same_name_are_named_with_their_gids(serve, demo_dump, capsys):
    def rename(field):
        field["name"] = "Postpone reason"

    serve(edit_field(demo_dump, "Original due", rename))
    code, report = doctor(capsys)
    assert code == 3
    reason = one(report, "fields", "postpone_reason")
    assert reason["level"] == "error" and "2 fields share this name" in reason["says"]
    assert len(reason["gid"]) == 2 and sorted(reason["type"]) == ["date", "text"]
    assert "rename or remove" in reason["todo"]


def test_an_option_missing_says_which_options_there_are(serve, demo_dump, capsys):
    def no_win(field):
        for option in field["enum_options"]:
            if option["name"] == "Win":
                option["name"] = "Won"

    serve(edit_field(demo_dump, "Result", no_win))
    code, report = doctor(capsys)
    assert code == 3
    win = one(report, "fields", "win")
    assert win["level"] == "missing" and '"Won"' in win["says"] and "[fields] win" in win["todo"]
    assert one(report, "fields", "loss")["level"] == "ok"


def test_a_personal_workspace_has_no_teams(serve, demo_dump, capsys):
    dump = copy.deepcopy(demo_dump)
    dump["workspace"]["is_organization"] = False
    for key in ("team_users", "team_projects", "custom_field_settings", "sections", "tasks", "goals", "status_updates", "stories"):
        dump[key] = {}
    dump["teams"] = []
    serve(dump)
    code, report = doctor(capsys)
    assert code == 3
    teams = one(report, "workspace", "teams")
    assert teams["level"] == "missing" and "personal workspace" in teams["says"] and "[asana] workspace" in teams["says"]
    assert one(report, "screens", "Every screen")["says"] == "no pods, nothing to show"
    assert report["fields"]["status"] == "skipped"


def test_a_team_the_token_may_not_read(serve, demo_dump, capsys):
    fake = serve(demo_dump)
    beacon = next(t["gid"] for t in demo_dump["teams"] if t["name"] == "Pod Beacon")
    fake.forbidden = {beacon}
    code, report = doctor(capsys)
    assert code == 3
    denied = one(report, "workspace", "Pod Beacon")
    assert denied["level"] == "missing" and "403" in denied["says"] and "add this account to the team" in denied["todo"]
    assert one(report, "workspace", "Pod Atlas")["level"] == "ok"


def test_asana_unreachable_exits_2(env, monkeypatch, capsys):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("PODVIEW_ASANA_URL", f"http://127.0.0.1:{port}/api/1.0")
    monkeypatch.setenv("ASANA_TOKEN", "any")
    code, report = doctor(capsys)
    assert code == 2
    token = one(report, "token", "token")
    assert token["level"] == "error" and "Cannot reach Asana" in token["says"]
    assert report["workspace"]["status"] == "skipped" and report["config"]["status"] == "ok"
    assert report["screens"]["status"] == "skipped"


def test_a_refused_token_exits_2(serve, demo_dump, monkeypatch, capsys):
    serve(demo_dump)
    monkeypatch.setenv("ASANA_TOKEN", "not-the-token")
    code, report = doctor(capsys)
    assert code == 2 and "401" in one(report, "token", "token")["says"]
    assert "podview auth login" in one(report, "token", "token")["todo"]


def test_a_bad_config_exits_1_and_names_the_key(serve, demo_dump, env, capsys):
    serve(demo_dump)
    (env / "config.toml").write_text("[fields]\nresult = 3\n")
    code, report = doctor(capsys)
    assert code == 1
    assert report["config"]["status"] == "error" and "fields.result" in report["config"]["findings"][0]["says"]
    assert report["token"]["status"] == "ok" and report["fields"]["skipped"] == "fix the config first"


@pytest.mark.parametrize("columns", [80, 160])
def test_the_table_fits_the_terminal(serve, demo_dump, env, monkeypatch, capsys, columns):
    serve(renamed(demo_dump))
    monkeypatch.setenv("COLUMNS", str(columns))
    code = main(["doctor", "--format", "table"])
    out = capsys.readouterr().out
    assert code == 3
    lines = out.splitlines()
    assert max(cell_width(line) for line in lines) <= columns
    assert lines[0] == "✓ Token" and "! Workspace" in lines
    assert lines[-1].startswith("Something a screen needs is missing") or "exit 3" in out
