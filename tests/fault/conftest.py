"""The fault suite: the whole suite as real processes, attacked while it works.

`make test` runs it at the small scale (CI); `make chaos` at full scale
(CHAOS_SCALE=full). Each test prints its figures: tried, failed, lost, duplicated.
"""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

TESTS = Path(__file__).resolve().parents[1]
for folder in (TESTS.parent / "tools", TESTS, Path(__file__).resolve().parent):
    sys.path.insert(0, str(folder))

from chaos import BUG_METHOD  # noqa: E402
from simulate import Gateway, Stats  # noqa: E402
from suite_harness import running_suite  # noqa: E402


@pytest.fixture(scope="session")
def fault_suite(rabbit_api, tmp_path_factory):
    with running_suite(
        rabbit_api, tmp_path_factory.mktemp("fault-var"),
        EVENT_RETRY_DELAYS_MS="200,1000,3000,10000", DEADLINE_SWEEP_INTERVAL_S="5",
        LOG_LEVEL="INFO", RPC_TIMEOUT_S="20",
        JWT_SECRET="fault-suite-secret-not-for-production",  # test_access_matrix uses it
        ACTOR_SIGNING_KEY="fault-suite-actor-key-not-for-production",
        SALES_FAULT_BUG_METHODS=BUG_METHOD,
    ) as running:
        yield running


@pytest.fixture
def api(fault_suite):
    with httpx.Client(base_url=fault_suite.url, timeout=30) as client:
        yield client


@pytest.fixture
def gateway(fault_suite):
    client = Gateway(fault_suite.url, Stats())
    yield client
    client.client.close()
