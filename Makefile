# ordersuite — two commands: `make run` and `make test`.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
PY := .venv/bin/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run stop test chaos setup infra lint test-unit test-services test-edge bench bench-scheduler bench-rpc bench-outbox bench-commands bench-journeys bench-lists bench-live-plan clean

setup: .venv/.synced  ## install Python 3.11 and every package of the workspace

.venv/.synced: pyproject.toml uv.lock */pyproject.toml services/*/pyproject.toml
	@command -v uv >/dev/null 2>&1 || [ -x "$(UV)" ] || python3 -m pip install --quiet --user uv \
	  || python3 -m pip install --quiet uv
	$(UV) sync --frozen --python 3.11
	@touch $@

# `make run INSTANCES=2`: two processes of every service on the same queues (competing
# consumers, issue 16; put the services on PostgreSQL with <SERVICE>_DATABASE_URL for that);
# GATEWAY_WORKERS=n sets the gateway's worker processes (default: one per core, 2 to 4).
run: setup  ## start RabbitMQ/Redis if needed, then every service and the gateway (supervised)
	DEMO_DATA=1 $(PY) tools/suite.py run $(if $(INSTANCES),--instances $(INSTANCES))

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

# The suite's pace against raw baselines of the same run (issue 16): journeys at
# concurrency 1/4/8 beside raw kombu confirmed publish+consume, reads beside raw
# request/reply and a bare FastAPI app; lists and journeys at 100/1k/10k orders.
bench-journeys: setup
	$(PY) bench/journeys.py

bench-lists: setup
	$(PY) bench/list_scaling.py

# PLN-2/5/9: CTP p50/p99, incremental and full re-plan on 2,000 work orders x 5 operations
bench-live-plan: setup
	$(PY) bench/live_plan.py --orders 2000 --queries 200

bench: bench-rpc bench-outbox bench-commands bench-journeys bench-lists

clean:
	rm -rf var .venv
