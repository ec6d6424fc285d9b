import json
from pathlib import Path

import pytest

from planning.scheduling.checker import assert_valid
from planning.scheduling.jobshop import load_instance, main, parse_instance

FT06 = Path(__file__).parents[5] / "shared" / "data" / "jobshop" / "ft06"
FT06 = FT06 if FT06.exists() else Path("/work/shared/data/jobshop/ft06")

TINY = """# two jobs, two machines
2 2
0 3 1 2
1 4 0 1
"""


def test_an_instance_file_becomes_one_order_per_job_with_its_routing():
    problem = parse_instance(TINY)
    assert [o.id for o in problem.orders] == ["j0", "j1"]
    assert [(op.work_centre, op.duration) for op in problem.orders[1].operations] == [
        ("m1", 4), ("m0", 1)]


@pytest.mark.skipif(not FT06.exists(), reason="shared job-shop data not present")
def test_ft06_is_solved_to_its_optimum_of_55(capsys):
    assert main(["solve", str(FT06), "--time-limit", "5"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["makespan"] == 55
    problem = load_instance(FT06)
    assert [len(s) for s in result["starts"]] == [len(o.operations) for o in problem.orders]
    ends = [
        start + op.duration
        for order, starts in zip(problem.orders, result["starts"], strict=True)
        for start, op in zip(starts, order.operations, strict=True)
    ]
    assert max(ends) == 55


@pytest.mark.skipif(not FT06.exists(), reason="shared job-shop data not present")
def test_the_makespan_schedule_of_ft06_passes_the_checker():
    from planning.scheduling import solve

    problem = load_instance(FT06)
    schedule = solve(problem, kind="makespan", time_limit=5)
    assert_valid(problem, schedule)
    assert schedule.makespan == 55
