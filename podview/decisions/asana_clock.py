"""When a write was sent, on Asana's clock: the window a look-up for its marker searches.

After an unclear write, the sender lists the status updates (`created_since`)
or tasks (`modified_since`) of the target from a little before the write, and
looks for the decision's marker there. Asana compares those parameters with
its own clock, so a laptop whose clock is days off would search the wrong
window and send the decision again (asana-api-facts.md §5). The instant is
therefore taken from the `Date` header of Asana's responses (`ServerClock`),
falling back to this machine's clock only while no response has carried one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from podview.decisions.common import parse_stamp

LOOK_BACK = timedelta(days=1)
"""Look-ups search from this long before a decision's first send: the header's whole seconds, latency, slow drift."""


def write_stamp(client: Any) -> str:
    """Now on Asana's clock when a response has told it, else on this machine's, as the cache stores instants."""
    return _stamp(client.clock.now() or datetime.now(UTC))


def look_since(sent: str, client: Any) -> str:
    """The `created_since` / `modified_since` for a write stamped `sent` (by `write_stamp`).

    The stamp is on Asana's clock, or on this machine's when no `Date` header
    had arrived before the write; nothing records which. Shifting it by the
    offset between the two clocks known now gives the other reading, and the
    earlier of both is searched from: either way the write falls inside, at
    the cost of listing at most the offset's worth more of the target's
    records. With no offset known, the stamp is used as it is.
    """
    start = parse_stamp(sent)
    offset = client.clock.offset()
    if offset is not None:
        start = min(start, start + offset)
    return _stamp(start - LOOK_BACK)


def clock_known(client: Any) -> bool:
    """Whether a response has told Asana's time yet."""
    return client.clock.now() is not None


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
