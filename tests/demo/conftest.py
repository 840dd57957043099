"""The demo dump and its independent reading, built once per test module."""

from __future__ import annotations

import pytest

from podview.demo.generator import build_dump
from tests.demo.reading import TODAY, read


@pytest.fixture(scope="module")
def dump():
    return build_dump(TODAY)


@pytest.fixture(scope="module")
def reading(dump):
    return read(dump, TODAY)
