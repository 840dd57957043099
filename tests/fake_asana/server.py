"""FakeAsana: the store and API served over real HTTP on 127.0.0.1, with latency, faults and logs.

podview's sync and write-back are tested against this server through their
real httpx clients, and the benchmark measures against it, so it speaks
HTTP/1.1 with keep-alive, answers concurrently, and sleeps `latency` per
request the way a distant Asana would.
"""

from __future__ import annotations

import copy
import email.utils
import hashlib
import json
import socket
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple, Self
from urllib.parse import parse_qsl, urlsplit

from tests.fake_asana import openapi
from tests.fake_asana.api import Api, Call, Reply, error_body
from tests.fake_asana.faults import Fault, FaultPlan, Faults
from tests.fake_asana.store import ApiError, Record, Store, stamp

PHRASE_WORDS = (
    "sad",
    "squid",
    "snuggle",
    "softly",
    "brave",
    "otter",
    "juggles",
    "quietly",
    "seven",
    "tiny",
)
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class RequestRecord(NamedTuple):
    """One request as the server saw it; `status` is None when no answer was sent (drop, lost response)."""

    method: str
    path: str
    query: dict[str, str]
    status: int | None


class Exchange(NamedTuple):
    """One request and its answer in full (kept when `record_bodies=True`)."""

    method: str
    path: str
    query: dict[str, str]
    request_body: Any
    status: int
    response_body: Any
    headers: dict[str, str]

    @property
    def url(self) -> str:
        """Path and query, as `openapi.check_exchange` takes them."""
        from urllib.parse import urlencode

        return self.path + (f"?{urlencode(self.query)}" if self.query else "")

    def check(self, *, strict_opt_fields: bool = True) -> None:
        """Assert this exchange conforms to Asana's OpenAPI description."""
        openapi.check_exchange(
            self.method,
            self.url,
            self.request_body,
            self.status,
            self.response_body,
            strict_opt_fields=strict_opt_fields,
        )


class _Server(ThreadingHTTPServer):
    """Daemon threads, a deep accept queue (50 clients connect at once), open sockets tracked."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, fake: FakeAsana, port: int = 0) -> None:
        self.fake = fake
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Lock()
        super().__init__(("127.0.0.1", port), _Handler)

    def process_request(self, request, client_address):
        with self.sockets_lock:
            self.open_sockets.add(request)
            self.fake.connections += 1
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self.sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)

    def close_all(self) -> None:
        """Cut idle keep-alive connections so no thread serves after stop()."""
        with self.sockets_lock:
            sockets = list(self.open_sockets)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 keep-alive; headers and body leave in one write, without Nagle's delay."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    wbufsize = 1 << 16
    server: _Server

    def do_GET(self) -> None:
        self.server.fake._serve(self)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def date_time_string(self, timestamp: float | None = None) -> str:
        """The `Date` header tells the fake's own clock (skewed or not), as Asana's tells its own."""
        if timestamp is not None:
            return super().date_time_string(timestamp)
        return email.utils.format_datetime(self.server.fake.now().astimezone(UTC), usegmt=True)

    def send_header(self, keyword: str, value: str) -> None:
        if keyword != "Date" or self.server.fake.date_header:
            super().send_header(keyword, value)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the fake's own log is `FakeAsana.requests`."""


class FakeAsana:
    """A fake Asana for one workspace dump, served on 127.0.0.1 (see the package docstring)."""

    def __init__(
        self,
        dump: Record,
        *,
        token: str = "test-token",
        latency: float = 0.0,
        seed: int = 0,
        record_bodies: bool = False,
        strict_opt_fields: bool = True,
        now: datetime | None = None,
        clock_skew: timedelta = timedelta(0),
    ) -> None:
        """`clock_skew` sets the fake's clock that far from this machine's (its `created_at`s and `Date`)."""
        self.token = token
        self.latency = latency
        self.seed = seed
        self.record_bodies = record_bodies
        self.faults = Faults()
        self.store = Store(dump, seed=seed, now=now)
        self.store.clock.advance(clock_skew.total_seconds())
        self.before_answer: Callable[[str, str], None] | None = None
        """Called with each request's method and path in its server thread before it is answered (a test holds one there)."""
        self.date_header = True
        """Whether answers carry a `Date` header (off: a client must do without Asana's time)."""
        self.api = Api(
            self.store, base_url=lambda: self.base_url, seed=seed, strict=strict_opt_fields
        )
        self.base_url = ""
        self._plan = FaultPlan(seed)
        self._log_lock = threading.Lock()
        self._traffic = threading.Condition(self._log_lock)
        """Notified whenever a request ends being answered (for `wait_idle`)."""
        self._requests: list[RequestRecord] = []
        self._exchanges: list[Exchange] = []
        self._in_flight = 0
        self.max_in_flight = 0
        self.connections = 0
        """TCP connections accepted (keep-alive clients open few)."""
        self.crashes: list[str] = []
        """Tracebacks of requests the fake itself failed on (answered 500); tests may assert it stays empty."""
        self._server: _Server | None = None
        self._port = 0
        self._thread: threading.Thread | None = None

    # --- lifecycle --------------------------------------------------------------------

    def start(self) -> str:
        """Serve in a background thread; returns the base URL `http://127.0.0.1:PORT/api/1.0`.

        After stop(), start() serves again on the same port when it is still free.
        """
        if self._server is None:
            self._server = self._bind()
            host, port = self._server.server_address[:2]
            self.base_url = f"http://{host}:{port}{openapi.API_PREFIX}"
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.02},
                name="fake-asana",
                daemon=True,
            )
            self._thread.start()
        return self.base_url

    def _bind(self) -> _Server:
        """A server on the port used before, if any (a restart keeps the URL), else a free one."""
        if self._port:
            try:
                return _Server(self, self._port)
            except OSError:
                pass
        server = _Server(self)
        self._port = server.server_address[1]
        return server

    def stop(self) -> None:
        """Stop serving and cut open connections."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.close_all()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def client(self, **kwargs: Any):
        """An httpx.Client on the base URL with the bearer token (for tests)."""
        import httpx

        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        return httpx.Client(base_url=self.start(), headers=headers, **kwargs)

    # --- settings -----------------------------------------------------------------------

    @property
    def forbidden(self) -> set[str]:
        """Project gids whose children answer 403, and team gids whose projects and members do (mutate or assign at any time)."""
        return self.store.forbidden

    @forbidden.setter
    def forbidden(self, gids: set[str]) -> None:
        with self.store.lock:
            self.store.forbidden = set(gids)

    def storm(self, n: int, retry_after: int = 1) -> None:
        """The next `n` requests answer 429 with `Retry-After: retry_after`."""
        self._plan.storm(n, retry_after)

    def expire_sync_tokens(self, resource_gid: str | None = None) -> None:
        """Invalidate event sync tokens (of one resource, or all): the next /events call gets 412."""
        with self.store.lock:
            self.store.events.expire(resource_gid)

    def now(self) -> datetime:
        """The fake's clock (mutations are stamped with it)."""
        return self.store.clock.now()

    def advance(self, seconds: float) -> None:
        """Move the fake's clock forward."""
        with self.store.lock:
            self.store.clock.advance(seconds)

    # --- observability ------------------------------------------------------------------

    @property
    def requests(self) -> list[RequestRecord]:
        """Every request so far (a snapshot), faulted ones included."""
        with self._log_lock:
            return list(self._requests)

    @property
    def exchanges(self) -> list[Exchange]:
        """Every answered request in full, when `record_bodies` is on."""
        with self._log_lock:
            return list(self._exchanges)

    def request_count(self, path_prefix: str | None = None) -> int:
        """How many requests were made (to paths starting with `path_prefix`, relative to /api/1.0)."""
        with self._log_lock:
            return sum(
                1 for r in self._requests if path_prefix is None or r.path.startswith(path_prefix)
            )

    def wait_idle(self, timeout: float = 10) -> bool:
        """Block until no request is being answered; False if one still is after `timeout` seconds.

        A client cut off mid-request leaves its request running here, writing
        to the store: a test waits for it to end before reading the store or
        sending again.
        """
        with self._traffic:
            return self._traffic.wait_for(lambda: self._in_flight == 0, timeout)

    def reset_log(self) -> None:
        """Forget requests and exchanges; max_in_flight restarts from what is in flight now."""
        with self._log_lock:
            self._requests.clear()
            self._exchanges.clear()
            self.max_in_flight = self._in_flight

    def check_exchanges(self, *, strict_opt_fields: bool = True) -> int:
        """Validate every recorded exchange against the OpenAPI file; returns how many were checked."""
        assert self.record_bodies, "construct FakeAsana(record_bodies=True) to validate exchanges"
        failures = []
        exchanges = self.exchanges
        for exchange in exchanges:
            try:
                exchange.check(strict_opt_fields=strict_opt_fields)
            except AssertionError as error:
                failures.append(str(error))
        assert not failures, (
            f"{len(failures)} of {len(exchanges)} exchanges break the spec:\n"
            + "\n".join(failures[:20])
        )
        return len(exchanges)

    # --- test-side mutations ---------------------------------------------------------------

    def add_task(self, project_gid: str, record: Record) -> Record:
        """A new task in a project (API-shaped; missing fields take a new task's defaults)."""
        with self.store.lock:
            return copy.deepcopy(self._mutate(self.store.add_task_record, project_gid, record))

    def update_task(self, gid: str, **fields: Any) -> Record:
        """Change a task as a teammate would: `name`, `notes`, `due_on`, `assignee`, `completed`,
        `custom_fields={field name: value}` (enum option name, number, text, date or None)."""
        with self.store.lock:
            task = self.store.task(gid)
            data = {key: _plain(value) for key, value in fields.items() if key != "custom_fields"}
            if isinstance(data.get("assignee"), dict):
                data["assignee"] = data["assignee"]["gid"]
            if "custom_fields" in fields:
                data["custom_fields"] = self._by_field_gid(task, fields["custom_fields"])
            return copy.deepcopy(self._mutate(self.store.update_task_data, gid, data))

    def complete_task(self, gid: str, at: datetime | str | None = None) -> Record:
        """Mark a task complete (at `at`, else now)."""
        completed_at = stamp(at) if isinstance(at, datetime) else at
        with self.store.lock:
            return copy.deepcopy(
                self._mutate(
                    self.store.update_task_data, gid, {"completed": True}, completed_at=completed_at
                )
            )

    def delete_task(self, gid: str) -> None:
        """Delete a task (a `deleted` event; later reads answer 404)."""
        with self.store.lock:
            self._mutate(self.store.delete_task_record, gid)

    def move_task(self, gid: str, from_project: str, to_project: str) -> Record:
        """Move a task between projects (`removed` then `added` events)."""
        with self.store.lock:
            return copy.deepcopy(self._mutate(self.store.move, gid, from_project, to_project))

    def set_goal_current(self, gid: str, value: float) -> Record:
        """Set a goal's metric current value."""
        with self.store.lock:
            return copy.deepcopy(self._mutate(self.store.set_metric, gid, value))

    def add_status_update(
        self, parent_gid: str, status_type: str, title: str, text: str = ""
    ) -> Record:
        """Post a status update on a project or goal."""
        data = {"parent": parent_gid, "status_type": status_type, "title": title, "text": text}
        with self.store.lock:
            return copy.deepcopy(self._mutate(self.store.post_status, data))

    def add_story(self, task_gid: str, story: Record) -> Record:
        """Add a story (API-shaped, e.g. a `due_date_changed` one) to a task."""
        with self.store.lock:
            return copy.deepcopy(
                self._mutate(self.store.add_story_record, task_gid, copy.deepcopy(story))
            )

    def task(self, gid: str) -> Record:
        """The stored task (a copy), deleted ones included, for assertions."""
        with self.store.lock:
            return copy.deepcopy(self.store.tasks.get(gid) or self.store.trash[gid])

    @staticmethod
    def _mutate(method, *args: Any, **kwargs: Any) -> Any:
        """Run a store mutation; its ApiError becomes a ValueError (a test's mistake, not HTTP)."""
        try:
            return method(*args, **kwargs)
        except ApiError as error:
            raise ValueError(error.message) from None

    def _by_field_gid(self, task: Record, values: dict[str, Any]) -> dict[str, Any]:
        """`{field name: value}` → `{field gid: API value}` (enum option names become option gids)."""
        entries = {e["name"]: e for e in task.get("custom_fields") or []}
        out = {}
        for name, value in values.items():
            if name not in entries:
                raise KeyError(f"task {task['gid']} has no custom field {name!r}")
            entry = entries[name]
            if entry.get("type") == "enum" and value is not None:
                value = self._option_gid(entry["gid"], value)
            out[entry["gid"]] = _plain(value)
        return out

    def _option_gid(self, field_gid: str, name_or_gid: str) -> str:
        """An enum option of the field by name (or gid), for update_task's readable values."""
        for option_gid, (owner, option) in self.store.options.items():
            if owner == field_gid and name_or_gid in (option["name"], option_gid):
                return option_gid
        raise KeyError(f"field {field_gid} has no option {name_or_gid!r}")

    # --- serving -------------------------------------------------------------------------

    def _serve(self, handler: _Handler) -> None:
        """One request, start to finish: body, latency, auth, faults, the API, the log."""
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        with self._traffic:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        try:
            self._answer(handler, raw)
        finally:
            with self._traffic:
                self._in_flight -= 1
                self._traffic.notify_all()

    def _answer(self, handler: _Handler, raw: bytes) -> None:
        """Latency, auth, then the fault draw; a lost response runs the call before dropping."""
        if self.latency:
            time.sleep(self.latency)
        method = handler.command
        parts = urlsplit(handler.path)
        path, query = parts.path, dict(parse_qsl(parts.query, keep_blank_values=True))
        if self.before_answer is not None:
            self.before_answer(method, path)
        relative = (
            path[len(openapi.API_PREFIX) :] if path.startswith(openapi.API_PREFIX + "/") else None
        )
        if handler.headers.get("Authorization") != f"Bearer {self.token}":
            return self._reply(
                handler, method, path, query, None, Reply(401, error_body(401, "Not Authorized"))
            )
        key = (method, path, tuple(sorted(query.items())), hashlib.sha1(raw).hexdigest())
        fault, detail = self._plan.draw(self.faults, key, write=method in WRITE_METHODS)
        if fault is Fault.DROP:
            return self._drop(handler, method, path, query)
        if fault in (Fault.RATE_LIMIT, Fault.STORM):
            reply = Reply(
                429, error_body(429, "You have made too many requests recently. Please, be chill.")
            )
            reply.headers["Retry-After"] = str(detail)
            return self._reply(handler, method, path, query, None, reply)
        if fault is Fault.ERROR_5XX:
            phrase = self._phrase(key) if detail == 500 else None
            return self._reply(
                handler,
                method,
                path,
                query,
                None,
                Reply(detail, error_body(detail, _reason(detail), phrase)),
            )
        body, reply = self._call(method, relative, query, raw)
        if fault is Fault.LOST_RESPONSE:
            return self._drop(handler, method, path, query)
        self._reply(handler, method, path, query, body, reply)

    def _call(
        self, method: str, relative: str | None, query: dict[str, str], raw: bytes
    ) -> tuple[Any, Reply]:
        """(parsed body, reply) from the API, or the 400/404 a malformed request earns."""
        if relative is None:
            return None, Reply(404, error_body(404, "No matching route for request"))
        try:
            body = json.loads(raw) if raw else None
        except (json.JSONDecodeError, UnicodeDecodeError):
            return None, Reply(400, error_body(400, "Could not parse request data, invalid JSON"))
        try:
            return body, self.api.handle(Call(method, relative, query, body))
        except Exception as error:  # noqa: BLE001 - a bug in the fake answers like Asana's 500, trace kept
            self.crashes.append(traceback.format_exc())
            return body, Reply(
                500, error_body(500, f"fake_asana crashed: {error!r}", "fake asana fell over")
            )

    def _reply(
        self, handler: _Handler, method: str, path: str, query: dict, body: Any, reply: Reply
    ) -> None:
        """Log, then send the answer (with Content-Length, so keep-alive works).

        Logging first means a client that got its answer always finds it in the log.
        """
        self._log(method, path, query, reply.status, body, reply)
        payload = json.dumps(reply.body, ensure_ascii=False).encode("utf-8")
        handler.send_response(reply.status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(payload)))
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        try:
            handler.wfile.write(payload)
            handler.wfile.flush()
        except OSError:
            handler.close_connection = True

    def _drop(self, handler: _Handler, method: str, path: str, query: dict) -> None:
        """Close the connection without a byte of response."""
        self._log(method, path, query, None, None, None)
        handler.close_connection = True
        try:
            handler.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _log(
        self,
        method: str,
        path: str,
        query: dict,
        status: int | None,
        body: Any,
        reply: Reply | None,
    ) -> None:
        """Append to the request log (and the exchange log when recording bodies)."""
        relative = path.removeprefix(openapi.API_PREFIX)
        with self._log_lock:
            self._requests.append(RequestRecord(method, relative, query, status))
            if self.record_bodies and reply is not None and status is not None:
                self._exchanges.append(
                    Exchange(method, relative, query, body, status, reply.body, dict(reply.headers))
                )

    def _phrase(self, key: tuple) -> str:
        """A 500's `phrase`: a few words Asana support can search for."""
        digest = hashlib.sha1(repr(key).encode()).digest()
        return " ".join(PHRASE_WORDS[b % len(PHRASE_WORDS)] for b in digest[:5])


def _reason(status: int) -> str:
    """The error message of an injected 5xx."""
    return {
        500: "Server Error",
        502: "Bad Gateway",
        503: "Service Unavailable",
        504: "Gateway Timeout",
    }[status]


def _plain(value: Any) -> Any:
    """Dates as the API writes them."""
    if isinstance(value, datetime):
        return stamp(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def serve(dump: Record, **kwargs: Any) -> Iterator[FakeAsana]:
    """For a pytest fixture: `yield from serve(dump, latency=0.05)` starts, yields and stops a FakeAsana."""
    with FakeAsana(dump, **kwargs) as fake:
        yield fake
