"""Classic job-shop instances (OR-Library format) and the benchmark command.

    python -m planning.scheduling.jobshop solve FILE --time-limit S

prints ``{"makespan": int, "starts": [[...job 0...], ...], "seconds": float}``. This module is
the only one in the package that reads files.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .model import Operation, Problem, WorkCentre, WorkOrder


def parse_instance(text: str) -> Problem:
    """``jobs machines`` then one line per job of ``machine duration`` pairs; '#' comments."""
    rows = [line.split() for line in text.splitlines() if line.strip() and not
            line.lstrip().startswith("#")]
    n_jobs, n_machines = int(rows[0][0]), int(rows[0][1])
    centres = tuple(WorkCentre(f"m{m}", f"machine {m}") for m in range(n_machines))
    orders = []
    for j, row in enumerate(rows[1 : 1 + n_jobs]):
        pairs = list(map(int, row))
        ops = tuple(
            Operation(f"j{j}o{k}", f"m{pairs[2 * k]}", pairs[2 * k + 1])
            for k in range(len(pairs) // 2)
        )
        orders.append(WorkOrder(f"j{j}", ops, due=0))
    return Problem(centres, tuple(orders))


def load_instance(path: str | Path) -> Problem:
    return parse_instance(Path(path).read_text())


def solve_instance(problem: Problem, time_limit: float, heuristic_only: bool = False) -> dict:
    from .engine import solve  # local import keeps parsing usable without the solver

    began = time.perf_counter()
    schedule = solve(
        problem, kind="makespan", time_limit=time_limit, use_cp_sat=not heuristic_only
    )
    starts = [[schedule.operations[op.id].start for op in order.operations]
              for order in problem.orders]
    return {
        "makespan": schedule.makespan,
        "starts": starts,
        "seconds": round(time.perf_counter() - began, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planning.scheduling.jobshop")
    sub = parser.add_subparsers(dest="command", required=True)
    solve_cmd = sub.add_parser("solve", help="minimise the makespan of one instance")
    solve_cmd.add_argument("file")
    solve_cmd.add_argument("--time-limit", type=float, default=10.0)
    solve_cmd.add_argument("--heuristic-only", action="store_true")
    args = parser.parse_args(argv)
    result = solve_instance(load_instance(args.file), args.time_limit, args.heuristic_only)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
