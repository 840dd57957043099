"""The command line keeps cli.md's contract: global options, exit codes, a damaged cache, the demo's own cache."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from podview.cli import main
from podview.config import Config
from podview.demo.build import build_demo_cache

TODAY = date(2026, 11, 25)


@pytest.fixture
def env(tmp_path, monkeypatch):
    """No config file, no token, podview's data dir inside tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("PODVIEW_CONFIG", raising=False)
    monkeypatch.delenv("PODVIEW_DB", raising=False)
    monkeypatch.delenv("PODVIEW_TODAY", raising=False)
    monkeypatch.delenv("ASANA_TOKEN", raising=False)
    return tmp_path


@pytest.fixture(scope="module")
def demo_bytes(tmp_path_factory):
    """One demo cache, built once; each test copies it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_cache(path, today=TODAY, config=Config())
    return path.read_bytes()


@pytest.fixture
def demo(env, demo_bytes):
    path = env / "demo.db"
    path.write_bytes(demo_bytes)
    return path


def run(capsys, *argv):
    """Exit code, stdout and stderr, as a shell would see them (argparse ends with SystemExit)."""
    try:
        code = main([str(arg) for arg in argv])
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- global options -----------------------------------------------------------------------


def test_db_and_today_mean_the_same_before_or_after_the_command(capsys, demo, env):
    other = env / "elsewhere.db"
    expected = run(capsys, "report", "risk", "--db", demo, "--today", "2026-11-20", "--format", "json")
    before = run(capsys, "--db", demo, "--today", "2026-11-20", "report", "risk", "--format", "json")
    assert expected[0] == before[0] == 0, before[2]
    assert json.loads(before[1]) == json.loads(expected[1])
    assert json.loads(before[1])["today"] == "2026-11-20"
    # Given on both sides, the one after the command name wins (the command's own option).
    code, _, err = run(capsys, "--db", other, "report", "risk", "--db", demo, "--format", "json")
    assert code == 0, err
    code, _, err = run(capsys, "--db", other, "report", "risk", "--format", "json")
    assert code == 1 and str(other) in err and "no cache here yet" in err


# -- exit codes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "bogus"],
        ["report", "risk", "--format", "xml"],
        ["report", "tactics", "--confidence", "150"],
        ["report", "people", "--weeks", "17"],
        ["nosuchcommand"],
        ["decide", "postpone", "--task", "1"],
        ["meeting", "start"],
        ["report", "risk", "--today", "yesterday"],
    ],
)
def test_every_usage_error_exits_1(capsys, demo, argv):
    code, _, err = run(capsys, *argv, "--db", demo) if argv[0] == "report" else run(capsys, *argv)
    assert code == 1, (argv, err)
    assert err.strip() and "Traceback" not in err


def test_help_still_exits_0(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    assert "docs/" in capsys.readouterr().out


# -- a damaged cache ----------------------------------------------------------------------


def damage(path) -> None:
    """Overwrite part of every third page after the first: the header stays intact."""
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big") or 65536
    for page in range(2, len(data) // size, 3):
        data[page * size + 8 : page * size + 200] = b"\xff" * 192
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "risk"],
        ["report", "weekly"],
        ["report", "tactics"],
        ["report", "postponed"],
        ["report", "pacing"],
        ["report", "people"],
        ["decisions"],
        ["meeting", "list"],
        ["minutes"],
    ],
)
def test_a_damaged_cache_is_one_clear_message_and_is_never_written(capsys, demo, argv):
    damage(demo)
    before = digest(demo)
    code, _, err = run(capsys, *argv, "--db", demo, "--format" if argv[0] == "report" else "--db", "json" if argv[0] == "report" else demo)
    assert code == 1
    assert err.count("\n") == 1 and str(demo) in err and "damaged" in err
    assert "Traceback" not in err and "sqlite3" not in err
    assert digest(demo) == before


# -- the demo never locks itself ------------------------------------------------------------


class Recorder(BaseHTTPRequestHandler):
    """An "Asana" that only counts requests: the demo must never reach it."""

    hits: ClassVar[list[str]] = []

    def do_GET(self):
        Recorder.hits.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_PUT = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def asana_watch(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("PODVIEW_ASANA_URL", f"http://127.0.0.1:{server.server_port}/api/1.0")
    monkeypatch.setenv("ASANA_TOKEN", "0/not-a-real-token")
    yield Recorder.hits
    server.shutdown()


def open_goal(capsys, path) -> str:
    code, out, err = run(capsys, "report", "weekly", "--db", path, "--today", TODAY, "--format", "json")
    assert code == 0, err
    return next(goal["task_gid"] for goal in json.loads(out)["goals"] if goal["status"] == "open")


def test_the_demo_opens_its_own_cache_after_a_decision_and_reset_drops_it(capsys, env, monkeypatch, asana_watch):
    path = env / "mine" / "demo.db"
    monkeypatch.setenv("PODVIEW_DB", str(path))
    assert run(capsys, "demo", "--no-ui", "--today", TODAY)[0] == 0
    gid = open_goal(capsys, path)
    code, out, err = run(capsys, "decide", "postpone", "--task", gid, "--to", "2026-12-10", "--reason", "Client on holiday", "--today", TODAY)
    assert code == 0, err
    assert "demo" in err and "never sent" in err
    decision = out.strip()

    code, out, err = run(capsys, "demo", "--no-ui", "--today", TODAY)
    assert code == 0, err
    assert out.strip() == str(path)
    assert "--reset" in err and "kept" in err
    code, out, _ = run(capsys, "decisions", "--format", "json")
    assert [row["id"] for row in json.loads(out)] == [decision]

    code, out, err = run(capsys, "demo", "--no-ui", "--reset", "--today", TODAY)
    assert code == 0, err
    code, out, _ = run(capsys, "decisions", "--format", "json")
    assert json.loads(out) == []
    assert asana_watch == [], "the demo never talks to Asana"


@pytest.mark.parametrize("command", [["sync"], ["sync", "--full"], ["push"]])
def test_sync_and_push_on_the_demo_refuse_without_contacting_asana(capsys, demo, asana_watch, command):
    code, _, err = run(capsys, *command, "--db", demo)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "demo agency" in err
    assert asana_watch == []


def test_the_demo_still_refuses_a_synced_cache(capsys, demo):
    conn = sqlite3.connect(demo)
    conn.execute("INSERT INTO syncs (source, mode) VALUES ('asana', 'full')")
    conn.commit()
    conn.close()
    before = digest(demo)
    code, _, err = run(capsys, "demo", "--no-ui", "--db", demo)
    assert code == 1 and "synced Asana data" in err
    assert digest(demo) == before


# -- private by default --------------------------------------------------------------------


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_cache_and_its_folder_are_readable_by_the_user_only(capsys, env):
    code, out, err = run(capsys, "demo", "--no-ui", "--today", TODAY)
    assert code == 0, err
    path = env / "data" / "podview" / "demo.db"
    assert out.strip() == str(path)
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    for companion in path.parent.glob("demo.db-*"):
        assert mode(companion) == 0o600


def test_an_existing_readable_cache_is_tightened_when_opened(capsys, demo):
    demo.chmod(0o644)
    code, _, err = run(capsys, "report", "risk", "--db", demo, "--format", "json")
    assert code == 0, err
    assert mode(demo) == 0o600


def test_minutes_written_to_a_file_are_private(capsys, demo, env):
    assert run(capsys, "meeting", "start", "--kind", "growth-review", "--db", demo)[0] == 0
    target = env / "minutes.md"
    code, _, err = run(capsys, "minutes", "--db", demo, "--output", target)
    assert code == 0, err
    assert mode(target) == 0o600 and "# " in target.read_text()


def test_minutes_written_to_a_folder_get_a_readable_name_never_over_an_earlier_one(capsys, demo, env):
    assert run(capsys, "meeting", "start", "--kind", "growth-review", "--db", demo)[0] == 0
    folder = env / "exports"
    folder.mkdir()
    said = []
    for _ in range(2):
        code, _, err = run(capsys, "minutes", "--db", demo, "--output", folder)
        assert code == 0, err
        said.append(err)
    names = sorted(path.name for path in folder.iterdir())
    assert len(names) == 2 and names[0].endswith(" Growth review 2.md")
    assert names[1].endswith(" Growth review.md") and str(folder / names[1]) in said[0]


def test_report_help_explains_every_risk_reason_in_the_shared_words(capsys):
    from podview.words import SIGNALS

    with pytest.raises(SystemExit):
        main(["report", "--help"])
    text = capsys.readouterr().out
    for signal, words in SIGNALS.items():
        assert any(signal in line and words in line for line in text.splitlines()), signal


def test_a_reader_that_stops_early_gets_no_traceback(env, tmp_path):
    """`podview demo | head -2`: the pipe closes while podview still prints."""
    import subprocess
    import sys

    script = f"{sys.executable} -m podview demo --db {tmp_path / 'demo.db'} | head -2"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", script], capture_output=True, text=True, check=False,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)})
    assert done.stdout.startswith("Built the demo agency")
    assert "Traceback" not in done.stderr and done.returncode == 0
