"""The vendored OpenAPI description is Asana's file, unchanged, and the one the tests read."""

from __future__ import annotations

import hashlib
import lzma
import re

from tests.fake_asana import openapi

NOTICE = openapi.SPEC_PATH.with_name("ASANA_OPENAPI_LICENSE.md")


def test_the_vendored_file_decompresses_to_the_published_bytes():
    """A trimmed or edited copy would quietly loosen every exchange check."""
    recorded = re.search(r"sha256 ([0-9a-f]{64})  asana_oas\.yaml", NOTICE.read_text("utf-8"))
    assert recorded is not None, "the licence notice records the original file's sha256"
    with lzma.open(openapi.SPEC_PATH) as handle:
        data = handle.read()
    assert len(data) == 3_059_719
    assert hashlib.sha256(data).hexdigest() == recorded.group(1)


def test_the_notice_names_the_licence_the_file_declares():
    licence = openapi.spec()["info"]["license"]
    notice = NOTICE.read_text("utf-8")
    assert licence["name"] == "Apache 2.0"
    assert licence["url"] in notice
    assert "Apache License, Version 2.0" in notice
