"""What can go wrong talking to Asana, as exceptions whose messages a user can act on.

No message ever contains the token: errors are built from the status, the
path and Asana's own error text, never from request headers.
"""

from __future__ import annotations

from podview.config import ConfigError


class AsanaError(Exception):
    """Asana answered with an error (the base of every other error here)."""

    def __init__(self, message: str, status: int | None = None, path: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.path = path


class AuthError(AsanaError):
    """401: the token is missing, wrong or revoked."""


class ForbiddenError(AsanaError):
    """403: the token's user may not see this resource (or a field is locked)."""


class NotFoundError(AsanaError):
    """404: the resource does not exist (deleted, or never visible)."""


class BadRequestError(AsanaError):
    """400 (or another 4xx): the request was wrong; Asana's message says how."""


class SyncTokenExpired(AsanaError):
    """412 on /events: the sync token is unknown or expired; `sync` is a fresh one."""

    def __init__(self, sync: str | None, path: str | None = None) -> None:
        super().__init__("the events sync token has expired", 412, path)
        self.sync = sync


class AsanaUnreachable(AsanaError):
    """No answer from Asana after every retry (network down, wrong URL, server failing)."""


class UnclearWriteError(AsanaError):
    """A write was sent but its outcome is unknown (timeout, dropped connection, 5xx).

    The write may or may not have landed; the caller must check for it
    (the decision marker) before sending it again.
    """


class AsanaURLError(ConfigError):
    """The API address would send the token in clear (http:// to another machine), or is no http(s) address at all.

    A config error (exit 1), raised before any request; `push` already maps ConfigError to exit 1.
    """
