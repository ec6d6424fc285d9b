"""A real Prometheus and Alertmanager beside the suite (Debian's `prometheus` and
`prometheus-alertmanager`): what `make run` starts and the monitoring test scrapes.

Prometheus scrapes the gateway and the six services on the ports the suite gave them,
with the alert rules of infra/prometheus/alerts.yml, and sends what fires to the
Alertmanager (infra/alertmanager/alertmanager.yml). Their configuration (written again at
every start, for the ports of that start) and their data (kept) live under <var>/monitoring/.
"""

from __future__ import annotations

import json
import shutil
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "infra" / "prometheus" / "alerts.yml"
ALERTMANAGER_CONFIG = ROOT / "infra" / "alertmanager" / "alertmanager.yml"
# binary -> Debian package
BINARIES = {"prometheus": "prometheus", "prometheus-alertmanager": "prometheus-alertmanager"}


def missing_monitoring() -> list[str]:
    """The Debian packages to install before the suite can have its monitoring."""
    return [package for binary, package in BINARIES.items() if shutil.which(binary) is None]


@dataclass(frozen=True)
class Monitoring:
    """Where Prometheus and Alertmanager listen, and how often Prometheus scrapes and
    evaluates the rules (`make run`: 15 s; the tests: 1 s)."""

    prometheus_port: int = 9090
    alertmanager_port: int = 9093
    interval: str = "15s"
    host: str = "127.0.0.1"

    @property
    def prometheus_url(self) -> str:
        return f"http://{self.host}:{self.prometheus_port}"

    @property
    def alertmanager_url(self) -> str:
        return f"http://{self.host}:{self.alertmanager_port}"

    def prometheus_config(self, gateway: str, services: list[tuple[str, str]]) -> dict:
        """Scrape the gateway (job gateway) and each service (job services, label service)."""
        return {
            "global": {"scrape_interval": self.interval, "evaluation_interval": self.interval},
            "rule_files": [str(RULES)],
            "alerting": {"alertmanagers": [
                {"static_configs": [{"targets": [f"{self.host}:{self.alertmanager_port}"]}]}]},
            "scrape_configs": [
                {"job_name": "gateway", "static_configs": [{"targets": [gateway]}]},
                {"job_name": "services", "static_configs": [
                    {"targets": [target], "labels": {"department": name}}
                    for name, target in services]},
            ],
        }

    def commands(self, folder: Path, gateway: str, services: list[tuple[str, str]]) -> dict:
        """The two processes' command lines, their configuration written into `folder`
        (JSON is YAML, so no YAML writer is needed)."""
        folder.mkdir(parents=True, exist_ok=True)
        config = folder / "prometheus.yml"
        config.write_text(json.dumps(self.prometheus_config(gateway, services), indent=2))
        return {
            "alertmanager": [
                "prometheus-alertmanager", f"--config.file={ALERTMANAGER_CONFIG}",
                f"--storage.path={folder / 'alertmanager-data'}",
                f"--web.listen-address={self.host}:{self.alertmanager_port}",
                "--cluster.listen-address=",  # one instance: no gossip port to collide on
            ],
            "prometheus": [
                "prometheus", f"--config.file={config}",
                f"--storage.tsdb.path={folder / 'prometheus-data'}",
                "--storage.tsdb.retention.time=7d",
                f"--web.listen-address={self.host}:{self.prometheus_port}",
            ],
        }

    def ready(self) -> bool:
        """Both answer their readiness endpoint."""
        return all(_answers(url + "/-/ready")
                   for url in (self.prometheus_url, self.alertmanager_url))


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status == 200
    except Exception:
        return False
