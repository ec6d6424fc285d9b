"""A computation's time budget (issue 8.3): capable-to-promise and scheduling stop at it.

The computation checks its budget between steps (a line placed, a design day counted) and
ends with `CouldNotDecide` once it is spent, so a question it cannot answer in time is
refused clearly instead of holding the service. The runner (planning.computing) starts the
budget when the call arrives and also stops waiting at it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from planning.domain.errors import CouldNotDecide

DEFAULT_BUDGET_S = 10.0


class Budget:
    def __init__(self, seconds: float = DEFAULT_BUDGET_S,
                 clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self._clock = clock
        self.deadline = clock() + seconds

    @property
    def remaining(self) -> float:
        return max(0.0, self.deadline - self._clock())

    def exceeded(self, doing: str) -> CouldNotDecide:
        return CouldNotDecide(
            f"planning could not decide within the budget of {self.seconds:g} s ({doing}); "
            "ask about fewer lines or smaller quantities, or try again later",
            {"budget_s": self.seconds})

    def check(self, doing: str) -> None:
        """Raise `CouldNotDecide` if the budget is spent."""
        if self._clock() >= self.deadline:
            raise self.exceeded(doing)
