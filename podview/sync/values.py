"""Reading single values out of Asana's records without ever raising.

Asana's JSON is loose: a field may be missing, null, or of another type
than documented (and a hand-edited fake or an old record may differ again).
Every reader here answers None for anything it does not recognise, so the
mapper turns odd data into empty values instead of failing a sync.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

Record = dict[str, Any]


@lru_cache(maxsize=8192)
def norm(text: str | None) -> str:
    """How names are matched: trimmed, casefolded, runs of whitespace collapsed (cached: field names repeat)."""
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def gid_of(value: Any) -> str | None:
    """The gid of a compact record (or None for null / malformed)."""
    if isinstance(value, dict) and value.get("gid") is not None:
        return str(value["gid"])
    return None


def text_of(value: Any) -> str | None:
    """`value` if it is a string."""
    return value if isinstance(value, str) else None


def number_of(value: Any) -> float | None:
    """`value` as a float if it is a number (JSON's true/false are not)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def date_of(value: Any) -> str | None:
    """A `YYYY-MM-DD` string if `value` is one (Asana dates are plain dates)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return None
