# ordersuite — two commands: `make run` and `make test`.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
PY := .venv/bin/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run stop test chaos setup infra lint test-unit test-services test-edge bench bench-scheduler bench-rpc bench-outbox bench-commands clean

setup: .venv/.synced  ## install Python 3.11 and every package of the workspace

.venv/.synced: pyproject.toml uv.lock */pyproject.toml services/*/pyproject.toml
	@command -v uv >/dev/null 2>&1 || [ -x "$(UV)" ] || python3 -m pip install --quiet --user uv \
	  || python3 -m pip install --quiet uv
	$(UV) sync --frozen --python 3.11
	@touch $@

run: setup  ## start RabbitMQ/Redis if needed, then every service and the gateway (supervised)
	DEMO_DATA=1 $(PY) tools/suite.py run

stop:  ## stop a suite started by `make run` (from another terminal; Ctrl-C does the same)
	$(PY) tools/suite.py stop

infra: setup  ## what `make test` needs: servers, RabbitMQ's management API, promtool, chromium
	$(PY) tools/suite.py infra

lint: setup
	.venv/bin/ruff check .
	.venv/bin/lint-imports

# nameko needs an eventlet-patched process; the gateway and the end-to-end tests
# run un-patched (as uvicorn does), so the tiers run as two pytest sessions.
test: setup infra lint
	$(PY) -m pytest contracts servicekit services -q
	$(PY) -m pytest gateway tests -q

# The fault suite at full size (issue 8): >= 20 kills and >= 5 connection closes during
# 100 journeys, 200 concurrent payments with kills and closes. `make test` runs it small.
chaos: setup infra
	CHAOS_SCALE=full $(PY) -m pytest tests/fault -q -s

test-unit: setup
	$(PY) -m pytest contracts servicekit/tests/unit services -q -m "not service" -k "not service"

bench-scheduler: setup
	$(PY) bench/scheduler_jobshop.py --time-limit 10

bench-rpc: setup
	$(PY) bench/rpc_roundtrip.py

bench-outbox: setup
	$(PY) bench/outbox_latency.py

bench-commands: setup
	$(PY) bench/command_inbox.py

bench: bench-rpc bench-outbox bench-commands

clean:
	rm -rf var .venv
