"""The whole suite as real processes on a fresh vhost and fresh databases."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

TESTS = Path(__file__).resolve().parents[1]
for folder in (TESTS.parent / "tools", TESTS, Path(__file__).resolve().parent):
    sys.path.insert(0, str(folder))

from collector import Collector  # noqa: E402
from simulate import Gateway, Stats  # noqa: E402
from suite_harness import running_suite  # noqa: E402


@pytest.fixture(scope="session")
def collector():
    with Collector() as running:
        yield running


@pytest.fixture(scope="session")
def suite(rabbit_api, collector, tmp_path_factory):
    with running_suite(rabbit_api, tmp_path_factory.mktemp("var"),
                       OTEL_EXPORTER_OTLP_ENDPOINT=collector.endpoint,
                       OTEL_BSP_SCHEDULE_DELAY="100", LOG_LEVEL="WARNING",
                       JWT_SECRET="e2e-test-secret-not-for-production") as running:
        yield running


@pytest.fixture
def api(suite):
    with httpx.Client(base_url=suite.url, timeout=30) as client:
        yield client


@pytest.fixture
def gateway(suite):
    """The simulator's client: logs in as demo users, acts for each department."""
    client = Gateway(suite.url, Stats())
    yield client
    client.client.close()
