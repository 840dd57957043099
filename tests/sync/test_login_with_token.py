"""`podview auth login --with-token`: a token piped in from a script, and the keyring named as its user knows it."""

from __future__ import annotations

import io

import keyring
import pytest

from podview.cli import auth, main
from podview.sync.auth import ACCOUNT, SERVICE, keyring_name
from tests.sync.test_commands import MemoryKeyring


def standing_in_for(module: str, name: str = "Keyring") -> type[MemoryKeyring]:
    """A MemoryKeyring whose class looks like keyring's backend `module.name`."""
    return type(name, (MemoryKeyring,), {"__module__": module})


@pytest.fixture
def secret_service(monkeypatch):
    """The keyring of a Linux desktop (gnome-keyring over D-Bus), kept in memory."""
    previous = keyring.get_keyring()
    backend = standing_in_for("keyring.backends.SecretService")()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def env(small_fake, tmp_path, monkeypatch):
    monkeypatch.setenv("PODVIEW_ASANA_URL", small_fake.base_url)
    monkeypatch.setenv("PODVIEW_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("ASANA_TOKEN", raising=False)
    (tmp_path / "config.toml").write_text('timezone = "America/New_York"\n')
    return tmp_path


def never_ask(prompt=""):
    raise AssertionError("--with-token asked for the token")


def test_a_piped_token_is_checked_and_kept_then_status_and_logout_name_the_keyring(env, small_fake, secret_service, monkeypatch, capsys):
    out, err = io.StringIO(), io.StringIO()
    code = auth.run_login(err=err, out=out, ask=never_ask, with_token=True, stdin=io.StringIO(f"  {small_fake.token}\n\n"))
    assert code == 0, err.getvalue()
    assert err.getvalue() == ""
    me = small_fake.store.me
    assert out.getvalue() == (
        f"Logged in as {me['name']} <{me['email']}>; the token is kept in the system keyring (Secret Service).\n"
    )
    assert secret_service.store == {(SERVICE, ACCOUNT): small_fake.token}

    assert main(["auth", "status"]) == 0
    text = capsys.readouterr().out
    assert "Token from: the system keyring (Secret Service)" in text and small_fake.token not in text

    assert main(["auth", "logout"]) == 0
    assert capsys.readouterr().out == "Logged out: the token was removed from the system keyring (Secret Service).\n"
    assert secret_service.store == {}


def test_the_command_line_reads_standard_input(env, small_fake, secret_service, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(small_fake.token))
    assert main(["auth", "login", "--with-token"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Logged in as ") and "personal access token" not in out and err == ""
    assert secret_service.store == {(SERVICE, ACCOUNT): small_fake.token}


@pytest.mark.parametrize(
    ("piped", "words"),
    [("", "no token on standard input"), ("  \n", "no token on standard input"), ("abc def\n", "not one token"), ("a\nb\n", "not one token")],
)
def test_nothing_usable_on_standard_input_is_exit_1_and_stores_nothing(env, small_fake, secret_service, piped, words):
    out, err = io.StringIO(), io.StringIO()
    code = auth.run_login(err=err, out=out, ask=never_ask, with_token=True, stdin=io.StringIO(piped))
    assert code == 1 and words in err.getvalue() and "nothing stored" in err.getvalue()
    assert out.getvalue() == "" and secret_service.store == {}
    assert small_fake.request_count() == 0


def test_a_refused_piped_token_is_exit_2_and_not_stored(env, secret_service):
    err = io.StringIO()
    code = auth.run_login(err=err, out=io.StringIO(), ask=never_ask, with_token=True, stdin=io.StringIO("1/wrong:token\n"))
    assert code == 2 and "not stored" in err.getvalue() and "1/wrong:token" not in err.getvalue()
    assert secret_service.store == {}


@pytest.mark.parametrize(
    ("module", "name", "words"),
    [
        ("keyring.backends.SecretService", "Keyring", "the system keyring (Secret Service)"),
        ("keyring.backends.libsecret", "Keyring", "the system keyring (Secret Service)"),
        ("keyring.backends.macOS", "Keyring", "the macOS Keychain"),
        ("keyring.backends.Windows", "WinVaultKeyring", "the Windows Credential Manager"),
        ("keyring.backends.kwallet", "DBusKeyring", "KWallet"),
        ("keyrings.alt.file", "PlaintextKeyring", "the Plaintext keyring"),
        ("keyrings.alt.Gnome", "Keyring", "the Gnome keyring"),
    ],
)
def test_keyrings_are_named_as_their_users_know_them(module, name, words):
    assert keyring_name(standing_in_for(module, name)()) == words


@pytest.fixture
def locked_keyring():
    """A Secret Service whose collection is locked and whose unlock prompt was dismissed (a headless session)."""
    from keyring.errors import InitError

    def refuse(*args):
        raise InitError("Failed to create the collection: Prompt dismissed.")

    previous = keyring.get_keyring()
    backend = type("Keyring", (MemoryKeyring,), {
        "__module__": "keyring.backends.SecretService",
        "get_password": refuse, "set_password": refuse, "delete_password": refuse,
    })()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.mark.parametrize("argv", [["auth", "status"], ["auth", "logout"], ["sync"], ["push"]])
def test_a_locked_keyring_is_one_message_saying_how_to_unlock_it(env, locked_keyring, capsys, argv):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("podview: The system keyring (Secret Service)") and "Prompt dismissed" in err
    assert "Unlock it" in err and "ASANA_TOKEN" in err and "Traceback" not in err


def test_login_into_a_locked_keyring_says_why_and_stores_nothing(env, small_fake, locked_keyring):
    err = io.StringIO()
    code = auth.run_login(err=err, out=io.StringIO(), with_token=True, stdin=io.StringIO(small_fake.token))
    assert code == 1
    assert "refused to store the token (Failed to create the collection: Prompt dismissed)" in err.getvalue()
