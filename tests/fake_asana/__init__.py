"""A fake Asana: a real HTTP server on 127.0.0.1 that follows Asana's OpenAPI description.

podview's sync engine, write-back and benchmark run against it through their
real HTTP clients. It serves an `AsanaDump` (podview.sync.dump), answers by
Asana's documented rules (auth, envelopes, pagination, opt_fields, events,
batch, writes), injects faults on demand, and can record every exchange for
validation against asana_oas.yaml (openapi.py).

    with FakeAsana(build_dump(today), latency=0.05) as fake:
        client = AsanaClient(fake.token, url=fake.base_url)
        ...
        fake.update_task(gid, custom_fields={"Result": "Win"})
"""

from tests.fake_asana.faults import Faults
from tests.fake_asana.openapi import check_exchange, check_request, check_response
from tests.fake_asana.server import Exchange, FakeAsana, RequestRecord, serve

__all__ = [
    "Exchange",
    "FakeAsana",
    "Faults",
    "RequestRecord",
    "check_exchange",
    "check_request",
    "check_response",
    "serve",
]
