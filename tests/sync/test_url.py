"""The token never travels in clear: PODVIEW_ASANA_URL must be https, or http to this machine."""

from __future__ import annotations

import httpx
import pytest

from podview.cache import open_cache
from podview.cli import main
from podview.sync.errors import AsanaURLError
from podview.sync.url import checked_url
from tests.decisions.helpers import decide
from tests.sync.conftest import TODAY, sync


@pytest.mark.parametrize(
    "url",
    [
        "https://app.asana.com/api/1.0",
        "https://asana-proxy.example.com:8443/api/1.0/",
        "http://127.0.0.1:8080/api/1.0",
        "http://127.3.2.1/api/1.0",
        "http://localhost:9000/api/1.0",
        "http://[::1]:9000/api/1.0",
    ],
)
def test_https_and_http_to_this_machine_are_used(url):
    assert checked_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://example.com/api/1.0", "over https only"),
        ("http://10.0.0.7:8080/api/1.0", "over https only"),
        ("http://127.0.0.1.example.com/api/1.0", "over https only"),
        ("http://127.0.0.1@example.com/api/1.0", "over https only"),
        ("http://localhost.example.com/api/1.0", "over https only"),
        ("ftp://app.asana.com/api/1.0", "not an https:// address"),
        ("app.asana.com/api/1.0", "not an https:// address"),
        ("not a url", "not an https:// address"),
    ],
)
def test_any_other_address_is_refused(url, words):
    with pytest.raises(AsanaURLError, match=words):
        checked_url(url)


@pytest.fixture
def requests_sent(monkeypatch) -> list[str]:
    """Every request any AsanaClient sends, by URL (none should leave for a refused address)."""
    sent: list[str] = []
    real = httpx.AsyncClient.send

    async def spy(self, request, **kwargs):
        sent.append(str(request.url))
        return await real(self, request, **kwargs)

    monkeypatch.setattr(httpx.AsyncClient, "send", spy)
    return sent


@pytest.fixture
def env(small_fake, tmp_path, monkeypatch):
    monkeypatch.setenv("PODVIEW_ASANA_URL", small_fake.base_url)
    monkeypatch.setenv("ASANA_TOKEN", small_fake.token)
    monkeypatch.setenv("PODVIEW_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("PODVIEW_TODAY", TODAY.isoformat())
    (tmp_path / "config.toml").write_text('timezone = "America/New_York"\n')
    return tmp_path


def test_http_to_another_host_is_exit_1_before_any_request(env, small_fake, monkeypatch, capsys, requests_sent):
    path = env / "cache.db"
    sync(small_fake, path, audit=False)
    db = open_cache(path)
    task = db.execute("SELECT gid FROM tasks WHERE kind = 'weekly_goal' LIMIT 1").fetchone()[0]
    decide(db, "comment", task=task, text="Ship the new ad copy first.")
    db.conn.close()
    requests_sent.clear()
    monkeypatch.setenv("PODVIEW_ASANA_URL", "http://example.com/api/1.0")

    for argv in (["sync"], ["auth", "login"], ["auth", "status"], ["push"]):
        code = main([*argv, "--db", str(path)] if argv[0] in ("sync", "push") else argv)
        out, err = capsys.readouterr()
        assert code == 1, (argv, out, err)
        assert "PODVIEW_ASANA_URL is http://example.com/api/1.0" in err and "https" in err, argv
        assert "Traceback" not in err and small_fake.token not in out + err
        assert "personal access token" not in out, "login asked for a token it could not use"
    assert requests_sent == []

    monkeypatch.setenv("PODVIEW_ASANA_URL", small_fake.base_url)
    assert main(["auth", "status"]) == 0
    assert "Logged in as" in capsys.readouterr().out
    assert requests_sent and all(url.startswith("http://127.0.0.1:") for url in requests_sent)
