"""The Asana personal access token: where it comes from and where it is kept.

`ASANA_TOKEN` wins (CI, containers); otherwise the OS keyring holds it. The
token itself is never printed, logged, written to the cache or the config,
nor put into an exception message.
"""

from __future__ import annotations

import os
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
        stored = _keyring().get_password(SERVICE, ACCOUNT)
    except TokenError:
        return None
    return Token(stored, f"the system keyring ({_backend_name()})") if stored else None


def store_token(token: str) -> str:
    """Keep the token in the OS keyring; returns a description of where."""
    try:
        _keyring().set_password(SERVICE, ACCOUNT, token)
    except TokenError:
        raise
    except Exception as error:  # keyring backends raise their own types
        raise TokenError(f"The system keyring refused to store the token ({type(error).__name__}). {NO_KEYRING_HINT}") from None
    return f"the system keyring ({_backend_name()})"


def forget_token() -> bool:
    """Remove the stored token; False when there was none."""
    keyring = _keyring()
    if not keyring.get_password(SERVICE, ACCOUNT):
        return False
    keyring.delete_password(SERVICE, ACCOUNT)
    return True


NO_KEYRING_HINT = (
    "On a machine without a keyring (a headless Linux box, a container), set the token in the "
    "environment instead: export ASANA_TOKEN=…"
)


def _keyring():
    """The keyring module, or TokenError when this machine has no usable backend."""
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or "fail" in type(backend).__module__:
        raise TokenError(f"No system keyring is available on this machine. {NO_KEYRING_HINT}")
    return keyring


def _backend_name() -> str:
    import keyring

    return type(keyring.get_keyring()).__name__
