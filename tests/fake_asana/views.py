"""What a stored record looks like on the wire: selected by opt_fields, or the operation's default view.

Asana answers `gid` plus exactly the fields asked for; a nested object asked
for without subfields comes back as `{gid, resource_type}` (and a nested
object without a gid, like a membership, as its scalar members only, so
plain `memberships` gives `{}`, facts §3). Without opt_fields, the record
takes the shape of the operation's declared schema (TaskCompact for lists,
TaskResponse for one task), nested objects in the shape of theirs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from tests.fake_asana import openapi

MISSING: Any = object()
Tree = dict[str, "Tree"]


class Lookup(Protocol):
    """What a view needs from the store besides the record itself."""

    def kind_of(self, gid: str) -> str | None:
        """The resource_type of any gid the store knows."""

    def derive(self, record: dict[str, Any], key: str) -> Any:
        """A field computed from the store (`projects`, `workspace`, …), or MISSING."""


Plan = tuple[tuple[str, "Plan"], ...]


def field_tree(fields: Iterable[str]) -> Tree:
    """`["assignee.name", "assignee.email", "name"]` → `{assignee: {name: {}, email: {}}, name: {}}`."""
    tree: Tree = {}
    for name in fields:
        node = tree
        for part in name.split("."):
            node = node.setdefault(part, {})
    return tree


def plan(fields: Iterable[str]) -> Plan:
    """The field tree as nested tuples, built once per request (a sync renders 50,000 tasks with one)."""

    def freeze(tree: Tree) -> Plan:
        return tuple((key, freeze(sub)) for key, sub in tree.items())

    return freeze(field_tree(fields))


def select(record: dict[str, Any], fields: Plan, lookup: Lookup) -> dict[str, Any]:
    """`gid` plus the fields of the plan; a field the store neither holds nor derives is left out."""
    out: dict[str, Any] = {"gid": record["gid"]} if "gid" in record else {}
    for key, sub in fields:
        value = record.get(key, MISSING)
        if value is MISSING:
            value = _missing(record, key, lookup)
            if value is MISSING:
                continue
        out[key] = _pick(value, sub, lookup)
    return out


def _nested(record: dict[str, Any], fields: Plan, lookup: Lookup) -> dict[str, Any]:
    """`select` below the top level, where nothing is derived."""
    out: dict[str, Any] = {"gid": record["gid"]} if "gid" in record else {}
    for key, sub in fields:
        value = record.get(key, MISSING)
        if value is MISSING and key == "resource_type" and "gid" in record:
            value = lookup.kind_of(record["gid"]) or MISSING
        if value is not MISSING:
            out[key] = _pick(value, sub, lookup)
    return out


def _missing(record: dict[str, Any], key: str, lookup: Lookup) -> Any:
    """A top-level field the record does not hold: its kind, or a derived value."""
    if key == "resource_type" and "gid" in record:
        return lookup.kind_of(record["gid"]) or MISSING
    return lookup.derive(record, key)


def _pick(value: Any, sub: Plan, lookup: Lookup) -> Any:
    """One selected value: lists element-wise, objects by subfields or as a bare reference."""
    kind = type(value)
    if kind is dict:
        return _nested(value, sub, lookup) if sub else _bare(value)
    if kind is list:
        return [_pick(item, sub, lookup) for item in value]
    return value


def _bare(obj: dict[str, Any]) -> dict[str, Any]:
    """A nested object asked for without subfields: "the gid of included objects will always
    be returned" (docs/inputoutput-options), nothing more; a gid-less value object keeps its scalars."""
    if "gid" in obj:
        return {"gid": obj["gid"]}
    return {k: v for k, v in obj.items() if not isinstance(v, (dict, list))}


def default_view(value: Any, schema: dict[str, Any], lookup: Lookup, *, top: bool = True) -> Any:
    """`value` in the shape of `schema`: its properties that the store holds, recursively."""
    if value is None:
        return None
    if isinstance(value, list):
        items = schema.get("items") or {}
        return [default_view(item, items, lookup, top=False) for item in value]
    if not isinstance(value, dict):
        return value
    props = openapi.properties(schema)
    if not props:
        return value
    out: dict[str, Any] = {}
    for name, sub in props.items():
        found = value.get(name, MISSING)
        if found is MISSING and name == "resource_type" and "gid" in value:
            found = lookup.kind_of(value["gid"]) or MISSING
        if found is MISSING and top:
            found = lookup.derive(value, name)
        if found is not MISSING:
            out[name] = default_view(found, _element(sub), lookup, top=False)
    return out


def _element(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema to shape a property's value with (arrays keep their `items`)."""
    if schema.get("type") == "array":
        return schema
    target = openapi.referenced(schema)
    return {"$ref": f"#/components/schemas/{target}"} if target else schema
