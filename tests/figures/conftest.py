"""The small agency the weekly and postponement figure tests share."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.fixture
def shop(agency):
    """Two pods: Alpha with clients Acme and Birch, Beta with Cedar; Ann and Bob manage accounts."""
    alpha, beta = agency.pod("Pod Alpha"), agency.pod("Pod Beta")
    return SimpleNamespace(
        agency=agency,
        alpha=alpha,
        beta=beta,
        acme=agency.client("Acme", alpha),
        birch=agency.client("Birch", alpha),
        cedar=agency.client("Cedar", beta),
        ann=agency.user("Ann", pod=alpha),
        bob=agency.user("Bob", pod=beta),
    )
