"""The Asana personal access token: where it comes from and where it is kept.

`ASANA_TOKEN` wins (CI, containers); otherwise the OS keyring holds it. The
token itself is never printed, logged, written to the cache or the config,
nor put into an exception message.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

SERVICE = "podview"
ACCOUNT = "asana-personal-access-token"


class TokenError(Exception):
    """No token can be found or stored; the message says what to do."""


@dataclass(frozen=True)
class Token:
    """A token and a description of where it came from (never the token in repr)."""

    value: str
    source: str

    def __repr__(self) -> str:
        return f"Token(source={self.source!r})"


def resolve_token() -> Token | None:
    """`ASANA_TOKEN`, else the keyring's token, else None."""
    env = os.environ.get("ASANA_TOKEN", "").strip()
    if env:
        return Token(env, "the ASANA_TOKEN environment variable")
    try:
        keyring = _keyring()
    except TokenError:
        return None
    try:
        stored = keyring.get_password(SERVICE, ACCOUNT)
    except Exception as error:  # keyring backends raise their own types
        raise _refused("could not be read", error) from None
    return Token(stored, keyring_name()) if stored else None


def store_token(token: str) -> str:
    """Keep the token in the OS keyring; returns a description of where."""
    try:
        _keyring().set_password(SERVICE, ACCOUNT, token)
    except TokenError:
        raise
    except Exception as error:  # keyring backends raise their own types
        raise _refused("refused to store the token", error) from None
    return keyring_name()


def forget_token() -> bool:
    """Remove the stored token; False when there was none (`keyring_name()` says where it was)."""
    keyring = _keyring()
    try:
        if not keyring.get_password(SERVICE, ACCOUNT):
            return False
        keyring.delete_password(SERVICE, ACCOUNT)
    except Exception as error:  # keyring backends raise their own types
        raise _refused("could not remove the token", error) from None
    return True


def _refused(what: str, error: Exception) -> TokenError:
    """A keyring that is there but will not answer (locked, its unlock prompt dismissed), in words."""
    reason = str(error).strip().rstrip(".") or type(error).__name__
    return TokenError(
        f"{keyring_name()[0].upper()}{keyring_name()[1:]} {what} ({reason}). Unlock it (on Linux: log in to "
        f"the desktop session, or run `gnome-keyring-daemon --unlock`) and try again. {NO_KEYRING_HINT}"
    )


NO_KEYRING_HINT = (
    "On a machine without a keyring (a headless Linux box, a container), set the token in the "
    "environment instead: export ASANA_TOKEN=…"
)


def _keyring():
    """The keyring module, or TokenError when this machine has no usable backend."""
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or type(backend).__module__.rsplit(".", 1)[-1] in ("fail", "null"):
        raise TokenError(f"No system keyring is available on this machine. {NO_KEYRING_HINT}")
    return keyring


KNOWN_KEYRINGS = {
    "secretservice": "the system keyring (Secret Service)",
    "libsecret": "the system keyring (Secret Service)",
    "macos": "the macOS Keychain",
    "windows": "the Windows Credential Manager",
    "kwallet": "KWallet",
}
"""keyring's backend modules, by the name their users know them by."""


def keyring_name(backend: object | None = None) -> str:
    """Where the keyring keeps the token, in words its user knows ("the macOS Keychain"), not a class name.

    A chain of keyrings stores in its first one, so that one is named. A
    backend podview does not know is named from its class: `PlaintextKeyring`
    is "the Plaintext keyring".
    """
    import keyring
    from keyring.backends.chainer import ChainerBackend

    if backend is None:
        backend = keyring.get_keyring()
    if isinstance(backend, ChainerBackend) and backend.backends:
        backend = backend.backends[0]
    module = type(backend).__module__.rsplit(".", 1)[-1]
    if module.lower() in KNOWN_KEYRINGS:
        return KNOWN_KEYRINGS[module.lower()]
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", type(backend).__name__)
    if words and words[-1].lower() == "keyring":
        words.pop()
    return f"the {' '.join(words) or module} keyring"
