"""Planning's computations off the eventlet hub, within a time budget (issue 8.3).

Capable-to-promise and forward scheduling are CPU-bound pure Python. Run on the eventlet
hub they would hold every other call of the process until they finish. Here they run in a
native thread (`eventlet.tpool`); the calling green thread waits for them, the hub keeps
answering everyone else. A use case hands over a task `task(budget) -> result`:

    answer = compute(lambda budget: feasibility.check_feasibility(..., budget=budget))

The budget (PLANNING_COMPUTE_BUDGET_S, 10 s by default) starts when the call arrives. The
task checks it between steps and stops with `CouldNotDecide`; the caller also stops waiting
at the budget (plus a short grace) even if a single step overruns it. At most
PLANNING_COMPUTE_THREADS tasks run at once (2 by default): they share one interpreter lock
with the hub, so more would only slow everyone down; the rest wait their turn, within their
budget.

`inline` runs the task on the caller's thread: the fast use-case tier and tools.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

from nameko.extensions import DependencyProvider

from planning.domain.budget import DEFAULT_BUDGET_S, Budget

T = TypeVar("T")
Task = Callable[[Budget], T]
Compute = Callable[[Task], T]

BUDGET_SETTING = "PLANNING_COMPUTE_BUDGET_S"
THREADS_SETTING = "PLANNING_COMPUTE_THREADS"
DEFAULT_THREADS = 2
GRACE_S = 0.5  # how long past the budget the caller waits for a step to notice it


def inline(budget_s: float = DEFAULT_BUDGET_S) -> Compute:
    """Run tasks on the caller's thread with a budget of `budget_s`."""

    def run(task: Task) -> T:
        return task(Budget(budget_s))

    return run


class OffTheHub:
    """Run tasks in eventlet's native thread pool, `threads` at a time, within the budget."""

    def __init__(self, budget_s: float = DEFAULT_BUDGET_S, threads: int = DEFAULT_THREADS):
        from eventlet.semaphore import Semaphore

        self.budget_s = budget_s
        self._slots = Semaphore(max(1, threads))

    def __call__(self, task: Task) -> T:
        import eventlet
        from eventlet import tpool

        budget = Budget(self.budget_s)
        if not self._slots.acquire(timeout=budget.remaining):
            raise budget.exceeded("waiting for a computation slot")
        try:
            with eventlet.Timeout(budget.remaining + GRACE_S, False):
                return tpool.execute(task, budget)
            raise budget.exceeded("the computation overran its budget")
        finally:
            self._slots.release()


def _setting(config: dict, name: str, default):
    value = config.get(name) or os.environ.get(name)
    return type(default)(value) if value not in (None, "") else default


class ComputeProvider(DependencyProvider):
    """The service's `OffTheHub` runner, configured from PLANNING_COMPUTE_BUDGET_S and
    PLANNING_COMPUTE_THREADS (config or environment)."""

    def setup(self):
        config = self.container.config
        self.runner = OffTheHub(_setting(config, BUDGET_SETTING, DEFAULT_BUDGET_S),
                                _setting(config, THREADS_SETTING, DEFAULT_THREADS))

    def get_dependency(self, worker_ctx):
        return self.runner
