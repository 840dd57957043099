"""`podview sync` and `podview auth` as a user runs them: messages, exit codes, and a token that never shows."""

from __future__ import annotations

import io
import logging

import keyring
import pytest
from keyring.backend import KeyringBackend

from podview.cli import auth, main, sync
from tests.sync.conftest import TODAY

SECRET = "1/12345:super-secret-token"


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps passwords in a dict (the test machine has none)."""

    priority = -1
    """Never chosen on its own: only where a test installs it."""

    def __init__(self):
        super().__init__()
        self.store = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def env(fake, tmp_path, monkeypatch):
    monkeypatch.setenv("PODVIEW_ASANA_URL", fake.base_url)
    monkeypatch.setenv("PODVIEW_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("PODVIEW_DB", str(tmp_path / "cache.db"))
    monkeypatch.setenv("PODVIEW_TODAY", TODAY.isoformat())
    monkeypatch.delenv("ASANA_TOKEN", raising=False)
    (tmp_path / "config.toml").write_text('timezone = "America/New_York"\n')
    return tmp_path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sync_prints_one_summary_line_and_exits_0(env, fake, capsys, monkeypatch):
    monkeypatch.setenv("ASANA_TOKEN", fake.token)
    code, out, err = run(capsys, "sync")
    assert code == 0, err
    assert out.startswith("Synced 16 client projects in 4 pods and 4 training projects (full)") and out.count("\n") == 1
    code, out, _ = run(capsys, "sync")
    assert code == 0 and "(incremental)" in out and "0 tasks written" in out
    code, out, _ = run(capsys, "report", "risk", "--format", "json")
    assert code == 0 and '"rank": 16' in out


def test_sync_without_a_token_says_how_to_log_in(env, capsys):
    code, out, err = run(capsys, "sync")
    assert code == 1 and "podview auth login" in err and "ASANA_TOKEN" in err


def test_refused_token_exits_2_and_never_shows_the_token(env, fake, capsys, monkeypatch, caplog):
    monkeypatch.setenv("ASANA_TOKEN", SECRET)
    caplog.set_level(logging.DEBUG)
    code, out, err = run(capsys, "sync")
    assert code == 2 and "401" in err and "cache is unchanged" in err
    assert SECRET not in out + err + caplog.text
    assert SECRET.encode() not in (env / "cache.db").read_bytes()


def test_a_forbidden_project_exits_3(env, fake, capsys, monkeypatch):
    monkeypatch.setenv("ASANA_TOKEN", fake.token)
    run(capsys, "sync")
    project = next(iter(fake.store.projects))
    fake.forbidden = {project}
    code, out, err = run(capsys, "sync", "--full")
    assert code == 3 and "1 projects skipped" in out and "skipped" in err


def test_wrong_url_is_explained(env, capsys, monkeypatch):
    monkeypatch.setenv("ASANA_TOKEN", "x")
    monkeypatch.setenv("PODVIEW_ASANA_URL", "not a url")
    code, _, err = run(capsys, "sync")
    assert code == 1 and "PODVIEW_ASANA_URL" in err and "Traceback" not in err


def test_workspace_without_pods_says_what_to_configure(env, fake, capsys, monkeypatch):
    monkeypatch.setenv("ASANA_TOKEN", fake.token)
    (env / "config.toml").write_text('timezone = "America/New_York"\n[pods]\nteams = ["Growth Squad"]\n')
    code, _, err = run(capsys, "sync")
    assert code == 1 and "No pod teams found" in err and "Pod Atlas" in err and "[pods]" in err
    assert "podview doctor" in err and "podview setup" in err


def test_progress_bar_on_a_terminal(env, fake, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setenv("ASANA_TOKEN", fake.token)
    from podview.config import load_config

    err, out = Terminal(), io.StringIO()
    code = sync.run_sync(env / "cache.db", load_config(), TODAY, full=False, audit=False, err=err, out=out)
    assert code == 0
    drawn = err.getvalue()
    assert "▕" in drawn and "/20 projects" in drawn and "requests" in drawn, "16 clients, 4 training projects"


def test_login_checks_the_token_and_keeps_it_in_the_keyring(env, fake, capsys, memory_keyring):
    out, err = io.StringIO(), io.StringIO()
    code = auth.run_login(err=err, out=out, ask=lambda prompt: fake.token)
    assert code == 0, err.getvalue()
    assert "Logged in as" in out.getvalue() and fake.token not in out.getvalue()
    assert list(memory_keyring.store.values()) == [fake.token]
    code, text, _ = run(capsys, "auth", "status")
    assert code == 0 and "Token from: the Memory keyring" in text and fake.token not in text
    code, text, _ = run(capsys, "auth", "logout")
    assert code == 0 and memory_keyring.store == {}


def test_login_with_a_bad_token_stores_nothing(env, memory_keyring):
    err = io.StringIO()
    code = auth.run_login(err=err, out=io.StringIO(), ask=lambda prompt: SECRET)
    assert code == 2 and "not stored" in err.getvalue() and SECRET not in err.getvalue()
    assert memory_keyring.store == {}


def test_env_token_wins_over_the_keyring(env, fake, capsys, memory_keyring, monkeypatch):
    memory_keyring.set_password("podview", "asana-personal-access-token", "stale")
    monkeypatch.setenv("ASANA_TOKEN", fake.token)
    code, text, _ = run(capsys, "auth", "status")
    assert code == 0 and "ASANA_TOKEN environment variable" in text


def test_no_keyring_backend_points_to_asana_token(env, fake, monkeypatch):
    from keyring.backends import fail

    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    err = io.StringIO()
    code = auth.run_login(err=err, out=io.StringIO(), ask=lambda prompt: fake.token)
    assert code == 1, err.getvalue()
    assert "No system keyring" in err.getvalue() and "ASANA_TOKEN" in err.getvalue()
