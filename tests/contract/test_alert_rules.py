"""The operations alerts fire when they should (promtool's rule unit tests)."""

import shutil
import subprocess
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[2] / "infra" / "prometheus"


def test_alert_rules_fire_on_dead_letters_breaches_and_a_stuck_outbox():
    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.skip("promtool not installed (apt-get install prometheus) - alert rules untested")
    result = subprocess.run([promtool, "test", "rules", "alerts_test.yml"], cwd=RULES,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
