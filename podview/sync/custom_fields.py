"""Custom fields of a task or project, read whatever their type, and found by name.

podview knows its fields by name (config's `[fields]`), not by gid, so one
config works across workspaces: entries are keyed by normalised name, and
the helpers at the end read one named field as the kind of value podview
wants from it (a number, a date, a text, an option label).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from podview.cache.store import Row
from podview.sync.values import Record, date_of, norm, number_of, text_of


@dataclass(frozen=True)
class Field:
    """One custom field entry of a task or project, read whatever its type."""

    gid: str
    name: str
    type: str | None
    text: str | None
    number: float | None
    enum: str | None
    date: str | None
    display: str | None

    @property
    def has_value(self) -> bool:
        """Whether anything is set (used to pick between two fields of the same name)."""
        return bool(self.text or self.enum or self.date or self.display) or self.number is not None

    @classmethod
    def read(cls, entry: Record) -> Field | None:
        """Read an entry of `custom_fields`; None when it has no gid."""
        if not isinstance(entry, dict) or entry.get("gid") is None:
            return None
        kind = text_of(entry.get("resource_subtype")) or text_of(entry.get("type"))
        enum_value = entry.get("enum_value")
        date_value = entry.get("date_value")
        multi = entry.get("multi_enum_values")
        enum_name = text_of(enum_value.get("name")) if isinstance(enum_value, dict) else None
        if enum_name is None and isinstance(multi, list):
            names = [text_of(option.get("name")) for option in multi if isinstance(option, dict)]
            enum_name = ", ".join(name for name in names if name) or None
        return cls(
            gid=str(entry["gid"]),
            name=text_of(entry.get("name")) or "",
            type=kind,
            text=text_of(entry.get("text_value")),
            number=number_of(entry.get("number_value")),
            enum=enum_name,
            date=date_of(date_value.get("date")) if isinstance(date_value, dict) else None,
            display=text_of(entry.get("display_value")),
        )

    def row(self, resource_gid: str) -> Row:
        """The `field_values` row."""
        return {
            "resource_gid": resource_gid,
            "field_gid": self.gid,
            "name": self.name,
            "type": self.type,
            "text_value": self.text,
            "number_value": self.number,
            "enum_value": self.enum,
            "date_value": self.date,
            "display_value": self.display,
        }


VALUE_KEYS = ("display_value", "enum_value", "number_value", "text_value", "date_value", "multi_enum_values")


def read_fields(entries: Any, keep: frozenset[str] = frozenset()) -> dict[str, Field]:
    """Custom fields by normalised name; of two with the same name, the one with a value wins.

    Empty fields are skipped unless their name is in `keep` (the fields whose
    mere presence matters, like `Type`): most entries of most tasks are empty.
    """
    fields: dict[str, Field] = {}
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        if not any(entry.get(key) not in (None, "", []) for key in VALUE_KEYS) and norm(entry.get("name")) not in keep:
            continue
        field = Field.read(entry)
        if field is None:
            continue
        key = norm(field.name)
        if key not in fields or (field.has_value and not fields[key].has_value):
            fields[key] = field
    return fields


def field_number(fields: dict[str, Field], name: str) -> float | None:
    """The named field's number."""
    field = fields.get(norm(name))
    return field.number if field else None


def field_date(fields: dict[str, Field], name: str) -> str | None:
    """The named field's date; a text field holding a plain date counts too."""
    field = fields.get(norm(name))
    if field is None:
        return None
    return field.date or date_of((field.text or "").strip())


def field_text(fields: dict[str, Field], name: str) -> str | None:
    """The named field's text, or its option's name."""
    field = fields.get(norm(name))
    return (field.text or field.enum) if field else None


def field_label(fields: dict[str, Field], name: str) -> str | None:
    """An enum option's name or a text value, trimmed; None when blank."""
    field = fields.get(norm(name))
    label = (field.enum or field.text) if field else None
    return label.strip() or None if label else None
