"""Where podview talks to Asana: `PODVIEW_ASANA_URL`, else Asana's own API, never in clear.

The token goes in every request's header, so an address that would carry it
over plain http to another machine is refused before any request is made:
https only, or http to this machine (a local proxy, a test server).
"""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

from podview.sync.errors import AsanaURLError

DEFAULT_URL = "https://app.asana.com/api/1.0"


def base_url() -> str:
    """`PODVIEW_ASANA_URL`, else Asana's own API; AsanaURLError when the token would travel in clear."""
    return checked_url(os.environ.get("PODVIEW_ASANA_URL") or DEFAULT_URL)


def checked_url(url: str) -> str:
    """`url` without a trailing slash, when it is https://, or http:// to this machine (a local proxy or test server).

    The token goes in every request's header: over plain http to any other
    host anyone on the way could read it.
    """
    url = url.strip().rstrip("/")
    try:
        parts = urlsplit(url)
        scheme, host = parts.scheme.lower(), parts.hostname
    except ValueError:
        scheme, host = "", None
    if host and scheme == "https":
        return url
    if host and scheme == "http":
        if _loopback(host):
            return url
        raise AsanaURLError(
            f"PODVIEW_ASANA_URL is {url}: podview sends your Asana token over https only "
            "(plain http only to this machine: 127.0.0.1, ::1 or localhost). Use an https:// address, or unset PODVIEW_ASANA_URL."
        )
    raise AsanaURLError(
        f"PODVIEW_ASANA_URL is {url!r}, which is not an https:// address. "
        f"Set it to one (Asana's own is {DEFAULT_URL}), or unset it."
    )


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
