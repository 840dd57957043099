"""Asana's OpenAPI description, read once: operations, their opt_fields, and exchange checks.

The fake answers by this file (routes, allowed `opt_fields`, default record
shapes) and tests check every exchange against it, so podview is held to the
published contract rather than to the fake's own idea of it.

Where the file contradicts what Asana documents elsewhere, a small patch is
applied before validating; each is listed in `_patch_schemas` with its reason.
"""

from __future__ import annotations

import copy
import json
import lzma
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

SPEC_PATH = Path(__file__).resolve().with_name("asana_oas.yaml.xz")
"""Asana's asana_oas.yaml, vendored unmodified but xz-compressed (see ASANA_OPENAPI_LICENSE.md)."""
API_PREFIX = "/api/1.0"
METHODS = ("get", "post", "put", "delete", "patch")
GLOBAL_STATUSES = frozenset({400, 401, 402, 403, 404, 429, 500, 502, 503, 504})
"""Statuses any operation may answer: Asana documents 429 and the 5xx family globally (facts §4)."""


@lru_cache(maxsize=1)
def spec() -> dict[str, Any]:
    """The parsed YAML, the one way tests read it (66k lines; libyaml's loader is ~10x faster).

    Shared by every caller: copy before changing any part of it.
    """
    import yaml

    if not SPEC_PATH.exists():
        raise FileNotFoundError(f"{SPEC_PATH} is missing from the checkout")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with lzma.open(SPEC_PATH, "rt", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


def schemas() -> dict[str, Any]:
    """The component schemas, unpatched (what the server reads shapes from)."""
    return spec()["components"]["schemas"]


# --- schema walking -----------------------------------------------------------------


def ref_target(ref: str) -> str:
    """`#/components/schemas/TaskCompact` → `TaskCompact`."""
    return ref.rsplit("/", 1)[-1]


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """Follow a `$ref` chain to the schema it names."""
    while "$ref" in schema:
        schema = schemas()[ref_target(schema["$ref"])]
    return schema


def properties(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A schema's properties with every `allOf`/`anyOf`/`oneOf` branch merged in, in order."""
    if "$ref" in schema:
        return component_properties(ref_target(schema["$ref"]))
    merged: dict[str, dict[str, Any]] = {}
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(key, []):
            merged.update(properties(branch))
    merged.update(schema.get("properties", {}))
    return merged


@cache
def component_properties(name: str) -> dict[str, dict[str, Any]]:
    """`properties` of a named component, cached since views ask for the same few repeatedly."""
    return properties(schemas()[name])


def referenced(schema: dict[str, Any]) -> str | None:
    """The component a property points at, looking through arrays and `allOf` wrappers."""
    if schema.get("type") == "array" and "items" in schema:
        return referenced(schema["items"])
    if "$ref" in schema:
        return ref_target(schema["$ref"])
    for branch in schema.get("allOf", []):
        if "$ref" in branch:
            return ref_target(branch["$ref"])
    return None


def fuller(name: str) -> str:
    """The full variant of a compact component (`UserCompact` → `UserResponse`), when one exists.

    opt_fields select from the full resource even where a list is declared to
    return compacts, so field paths are resolved against the fuller schema.
    """
    for suffix in ("Compact", "Base"):
        if name.endswith(suffix) and name[: -len(suffix)] + "Response" in schemas():
            return name[: -len(suffix)] + "Response"
    return name


def path_resolves(component: str, segments: list[str]) -> bool:
    """Whether `a.b.c` names a property chain starting at `component` (using fuller variants)."""
    schema: dict[str, Any] = {"$ref": f"#/components/schemas/{fuller(component)}"}
    for segment in segments:
        props = properties(schema)
        if segment not in props:
            return False
        sub = props[segment]
        target = referenced(sub)
        if target is not None:
            schema = {"$ref": f"#/components/schemas/{fuller(target)}"}
        else:
            schema = sub.get("items", sub) if sub.get("type") == "array" else sub
    return True


# --- operations ---------------------------------------------------------------------


@dataclass(eq=False)
class Operation:
    """One method on one path template, with what the fake and the checks need from it."""

    method: str
    template: str
    operation_id: str
    pattern: re.Pattern[str]
    query: frozenset[str]
    required: frozenset[str]
    opt_fields: frozenset[str] | None
    responses: dict[int, dict[str, Any]]
    request_schema: dict[str, Any] | None
    view_schema: dict[str, Any] | None = None
    """The schema of one record under `data` (the item schema for lists): the default view."""
    record: str | None = None
    """The component whose (fuller) properties opt_fields may name."""
    is_list: bool = False
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def success(self) -> int | None:
        """The declared 2xx status (201 for creates, 200 otherwise)."""
        return next((code for code in sorted(self.responses) if 200 <= code < 300), None)

    def match(self, path: str) -> dict[str, str] | None:
        """Path parameters when `path` fits this template."""
        found = self.pattern.match(path)
        return None if found is None else found.groupdict()

    def allows_field(self, name: str, *, strict: bool = True) -> bool:
        """Whether `opt_fields` may name `name` here.

        Strict (the default): only the operation's own enum, as podview's
        tests/sync/test_opt_fields.py reads it. Lenient: also a deeper path
        under a field the enum offers (`assignee.email` under `assignee`) when
        Asana's schema of that nested resource has it, since the published
        enums stop at the nested compacts' fields.
        """
        if self.opt_fields is None:
            return False
        if name in self.opt_fields:
            return True
        segments = name.split(".")
        return (
            not strict
            and len(segments) > 1
            and segments[0] in self.opt_fields
            and self.record is not None
            and path_resolves(self.record, segments)
        )


def _parameter(ref_or_param: dict[str, Any]) -> dict[str, Any]:
    """A parameter object, following `#/components/parameters/...`."""
    if "$ref" in ref_or_param:
        return spec()["components"]["parameters"][ref_target(ref_or_param["$ref"])]
    return ref_or_param


def _responses(op: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Declared statuses → response object (shared `#/components/responses` resolved)."""
    out = {}
    for code, response in op.get("responses", {}).items():
        if "$ref" in response:
            response = spec()["components"]["responses"][ref_target(response["$ref"])]
        out[int(code)] = response
    return out


def _json_schema(response_or_body: dict[str, Any] | None) -> dict[str, Any] | None:
    """The application/json schema of a response or request body."""
    if not response_or_body:
        return None
    return response_or_body.get("content", {}).get("application/json", {}).get("schema")


def _compile(template: str) -> re.Pattern[str]:
    """`/tasks/{task_gid}` → a regex capturing `task_gid`."""
    parts = re.split(r"(\{[^}]+\})", template)
    body = "".join(
        f"(?P<{part[1:-1]}>[^/]+)" if part.startswith("{") else re.escape(part) for part in parts
    )
    return re.compile(f"^{body}$")


def _build(template: str, method: str, item: dict[str, Any]) -> Operation:
    """An Operation from one path item and method of the spec."""
    op = item[method]
    params = [_parameter(p) for p in item.get("parameters", []) + op.get("parameters", [])]
    query = [p for p in params if p.get("in", "query") == "query"]
    opt = next((p for p in query if p["name"] == "opt_fields"), None)
    enum = (
        None if opt is None else frozenset(opt.get("schema", {}).get("items", {}).get("enum", []))
    )
    responses = _responses(op)
    operation = Operation(
        method=method.upper(),
        template=template,
        operation_id=op.get("operationId", ""),
        pattern=_compile(template),
        query=frozenset(p["name"] for p in query),
        required=frozenset(p["name"] for p in query if p.get("required")),
        opt_fields=enum,
        responses=responses,
        request_schema=_json_schema(op.get("requestBody")),
        raw=op,
    )
    _describe_data(operation)
    return operation


def _describe_data(operation: Operation) -> None:
    """Fill view_schema/record/is_list from the 2xx response's `data` property."""
    code = operation.success
    schema = None if code is None else _json_schema(operation.responses[code])
    data = None if schema is None else properties(schema).get("data")
    if data is None:
        return
    operation.is_list = data.get("type") == "array"
    operation.view_schema = data["items"] if operation.is_list else data
    operation.record = referenced(data)


@lru_cache(maxsize=1)
def operations() -> tuple[Operation, ...]:
    """Every operation, literal paths before templated ones so `/tasks/search`-like paths win."""
    found = [
        _build(template, method, item)
        for template, item in spec()["paths"].items()
        for method in METHODS
        if method in item
    ]
    return tuple(sorted(found, key=lambda op: op.template.count("{")))


def find_operation(method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
    """The operation serving `METHOD path` (path relative to /api/1.0) and its path parameters."""
    method = method.upper()
    for operation in operations():
        if operation.method == method:
            params = operation.match(path)
            if params is not None:
                return operation, params
    return None


def operation(method: str, template: str) -> Operation:
    """The operation for an exact template (`GET`, `/tasks/{task_gid}`)."""
    for candidate in operations():
        if candidate.method == method.upper() and candidate.template == template:
            return candidate
    raise KeyError(f"{method} {template} is not in {SPEC_PATH.name}")


# --- validation ---------------------------------------------------------------------


def _nullable_all_of(node: Any) -> Any:
    """Asana marks nullability in an `allOf` branch (`allOf: [UserCompact, {nullable: true}]`).

    A strict OpenAPI 3.0 validator then rejects the null that Asana really
    returns, so such a schema is read as "null, or the allOf".
    """
    if isinstance(node, list):
        return [_nullable_all_of(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _nullable_all_of(item) for key, item in node.items()}
    if any(isinstance(branch, dict) and branch.get("nullable") for branch in node.get("allOf", [])):
        return {"anyOf": [{"enum": [None]}, node]}
    return node


def _patch_schemas(components: dict[str, Any]) -> None:
    """Where the YAML contradicts Asana's own prose, follow the prose.

    - `date_value.date_time` is "null if no time value is selected", yet not nullable.
    - Event `user` "will be null" for system events and `parent` "will be null
      for other event types", yet neither is nullable.
    - Task `custom_fields` values are typed string, yet numbers, arrays and
      objects are documented as valid values (L8272-8290).
    - Task `memberships` is readOnly, yet documented as the create-time way to
      place a task in a section (L7798-7818).
    - Batch `options.offset` is typed integer, yet offsets are string tokens.
    """
    schemas_ = components["schemas"]
    date_value = schemas_["CustomFieldCompact"]["properties"]["date_value"]
    date_value["properties"]["date_time"]["nullable"] = True
    for name in ("user", "parent"):
        schemas_["EventResponse"]["properties"][name]["allOf"].append({"nullable": True})
    for branch in schemas_["TaskRequestBase"]["allOf"]:
        if "custom_fields" in branch.get("properties", {}):
            branch["properties"]["custom_fields"]["additionalProperties"] = {}
    for branch in schemas_["TaskBase"]["allOf"]:
        if "memberships" in branch.get("properties", {}):
            branch["properties"]["memberships"].pop("readOnly", None)
    options = schemas_["BatchRequestAction"]["properties"]["options"]["properties"]
    options["offset"] = {"type": "string"}


@lru_cache(maxsize=1)
def validation_components() -> dict[str, Any]:
    """The components, patched (see `_patch_schemas`), for the validators."""
    components = copy.deepcopy(spec()["components"])
    _patch_schemas(components)
    return _nullable_all_of(components)


def _validator(schema: dict[str, Any], *, write: bool):
    """An OAS 3.0 validator for `schema` with `#/components/...` refs resolvable."""
    import openapi_schema_validator as validators

    kind = validators.OAS30WriteValidator if write else validators.OAS30ReadValidator
    root = dict(_nullable_all_of(schema), components=validation_components())
    return kind(root, format_checker=validators.oas30_format_checker)


@cache
def _cached_validator(key: str, write: bool):
    """Validators are costly to build; one per schema (keyed by its JSON) is enough."""
    return _validator(json.loads(key), write=write)


def schema_errors(schema: dict[str, Any], instance: Any, *, write: bool = False) -> list[str]:
    """Readable validation errors of `instance` against `schema` (empty when valid)."""
    validator = _cached_validator(json.dumps(schema, sort_keys=True), write)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '<root>'}: {error.message[:300]}"
        for error in errors
    ]


def split_url(url: str) -> tuple[str, dict[str, str]]:
    """A full URL or a path → (path relative to /api/1.0, query as a dict)."""
    parts = urlsplit(url)
    path = parts.path
    if path.startswith(API_PREFIX):
        path = path[len(API_PREFIX) :] or "/"
    return path, dict(parse_qsl(parts.query, keep_blank_values=True))


def check_request(
    method: str, url: str, request_body: Any = None, *, strict_opt_fields: bool = True
) -> Operation:
    """Assert a request is one Asana describes: path, query parameters, opt_fields, body.

    Returns the matched operation. Raises AssertionError naming every problem.
    """
    path, query = split_url(url)
    found = find_operation(method, path)
    assert found is not None, f"{method.upper()} {path}: no such operation in {SPEC_PATH.name}"
    op, _ = found
    problems = [f"unknown query parameter {name!r}" for name in query if name not in op.query]
    problems += [f"missing required parameter {name!r}" for name in op.required - set(query)]
    for name in filter(None, query.get("opt_fields", "").split(",")):
        if not op.allows_field(name, strict=strict_opt_fields):
            problems.append(f"opt_fields names {name!r}, which {op.operation_id} does not offer")
    if "limit" in query and not (query["limit"].isdigit() and 1 <= int(query["limit"]) <= 100):
        problems.append(f"limit={query['limit']!r} is outside 1..100")
    if op.request_schema is not None:
        if request_body is None:
            problems.append("the request has no body")
        else:
            problems += [
                f"body {e}" for e in schema_errors(op.request_schema, request_body, write=True)
            ]
    assert not problems, f"{method.upper()} {url} ({op.operation_id}): " + "; ".join(problems)
    return op


def check_response(op: Operation, status: int, response_body: Any) -> None:
    """Assert a response fits the operation: a declared status and a body of its schema."""
    label = f"{op.method} {op.template} ({op.operation_id}) → {status}"
    if 200 <= status < 300:
        assert status == op.success, f"{label}: the spec declares {op.success} on success"
    else:
        assert status in op.responses or status in GLOBAL_STATUSES, f"{label}: undeclared status"
    declared = op.responses.get(status)
    schema = _json_schema(declared) if declared else None
    if schema is None and status >= 400:
        schema = {"$ref": "#/components/schemas/ErrorResponse"}
    if schema is None:
        return
    errors = schema_errors(schema, response_body)
    assert not errors, f"{label}: " + "; ".join(errors[:10])


def check_exchange(
    method: str,
    url: str,
    request_body: Any,
    status: int,
    response_body: Any,
    *,
    strict_opt_fields: bool = True,
) -> None:
    """Assert one request and its response conform to Asana's OpenAPI description.

    A /batch exchange is also checked action by action, each as the request it stands for.
    """
    op = check_request(method, url, request_body, strict_opt_fields=strict_opt_fields)
    check_response(op, status, response_body)
    if op.operation_id == "createBatchRequest" and status == 200:
        _check_batch(request_body, response_body, strict_opt_fields)


def _check_batch(request_body: Any, response_body: Any, strict: bool) -> None:
    """Each batch action checked as the plain request it stands for."""
    from urllib.parse import urlencode

    actions = request_body["data"]["actions"]
    results = response_body["data"]
    assert len(actions) == len(results), f"{len(actions)} batch actions, {len(results)} results"
    for action, result in zip(actions, results):
        method = action["method"].upper()
        options = action.get("options") or {}
        query = dict(action.get("data") or {}) if method == "GET" else {}
        query.update({k: options[k] for k in ("limit", "offset") if k in options})
        if options.get("fields"):
            query["opt_fields"] = ",".join(options["fields"])
        url = action["relative_path"] + (f"?{urlencode(query)}" if query else "")
        body = None if method in ("GET", "DELETE") else {"data": action.get("data") or {}}
        check_exchange(
            method, url, body, result["status_code"], result["body"], strict_opt_fields=strict
        )
