"""The six services are written once, in `contracts.services.SERVICES` (issue 7 item 7).

Python code imports that list. Files that cannot import it (infrastructure, tool
configuration) are checked against it here, so a seventh department cannot be half added.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from contracts.services import SERVICES

ROOT = Path(__file__).resolve().parents[2]


def test_every_service_has_a_package_in_the_workspace():
    packages = {path.parent.parent.name for path in ROOT.glob("services/*/*/service.py")
                if path.parent.name == path.parent.parent.name}
    assert packages == set(SERVICES)


def test_compose_runs_each_service_once():
    compose = yaml.safe_load((ROOT / "infra" / "compose.yaml").read_text())
    runs = [spec["command"][2] for spec in compose["services"].values()
            if spec.get("command", [])[:2] == ["servicekit", "run"]]
    assert sorted(runs) == sorted(SERVICES)


def test_prometheus_scrapes_each_service():
    config = yaml.safe_load((ROOT / "infra" / "prometheus" / "prometheus.yml").read_text())
    [job] = [job for job in config["scrape_configs"] if job["job_name"] == "services"]
    hosts = [target.split(":")[0] for static in job["static_configs"]
             for target in static["targets"]]
    assert hosts == list(SERVICES)


def test_postgres_creates_each_services_database():
    sql = (ROOT / "infra" / "postgres-init.sql").read_text()
    assert re.findall(r"CREATE DATABASE (\w+);", sql) == list(SERVICES)


def test_ruff_knows_each_service_package_as_first_party():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    first_party = config["tool"]["ruff"]["lint"]["isort"]["known-first-party"]
    assert set(SERVICES) <= set(first_party)
