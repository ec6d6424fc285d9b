"""Absurd input is refused at the edge with a clear 422, never computed (issue 8.3, 8.8).

The same models validate the gateway's request bodies (FastAPI answers 422 with the field
path) and every RPC argument (servicekit.rpcs answers InvalidRequest): these tests call the
RPC edge as a message from the broker would.
"""

import pytest

from contracts.errors import InvalidRequest
from contracts.rpc.planning import API, FeasibilityQuery, ProgressReport
from servicekit.actors import sign, signing_key
from servicekit.rpcs import bind_arguments

pytestmark = pytest.mark.unit
KEY = signing_key()
# Signed at import for a day: a module constant must outlive a slow test session.
PLANNER = sign({"username": "planner.p1", "roles": ["planning"], "companies": ["P1"]}, KEY,
               ttl_s=24 * 3600)
LINE = {"product_code": "KYN28-12", "quantity": "2", "requested_date": "2030-01-31"}


def _refused(method: str, *args) -> list[tuple]:
    """The field paths of the InvalidRequest the RPC edge answers."""
    with pytest.raises(InvalidRequest) as info:
        bind_arguments(API[method], args, {}, KEY)
    return [tuple(error["loc"]) for error in info.value.details.get("errors", [])]


def _feasibility(**changes):
    return {"company_id": "P1", "lines": [{**LINE, **changes.pop("line", {})}], **changes}


@pytest.mark.parametrize(("changes", "where"), [
    ({"line": {"quantity": "1000000000"}}, ("lines", 0, "quantity")),
    ({"line": {"quantity": 1e9}}, ("lines", 0, "quantity")),
    ({"line": {"quantity": "10001"}}, ("lines", 0, "quantity")),
    ({"line": {"quantity": ""}}, ("lines", 0, "quantity")),
    ({"line": {"quantity": "0"}}, ("lines", 0, "quantity")),
    ({"line": {"quantity": "1.2345"}}, ("lines", 0, "quantity")),
    ({"line": {"quantity": "1e3"}}, ("lines", 0, "quantity")),
    ({"design_days": 10**9}, ("design_days",)),
    ({"line": {"requested_date": "9999-12-31"}}, ("lines", 0, "requested_date")),
    ({"line": {"requested_date": "1900-01-01"}}, ("lines", 0, "requested_date")),
    ({"line": {"product_code": "KYN\x0028"}}, ("lines", 0, "product_code")),
    ({"company_id": ""}, ("company_id",)),
])
def test_an_absurd_feasibility_question_is_refused_with_the_field_that_is_wrong(changes,
                                                                               where):
    assert where in _refused("check_feasibility", _feasibility(**changes))


def test_a_question_of_more_lines_than_an_order_may_have_is_refused():
    assert ("lines",) in _refused("check_feasibility",
                                  {"company_id": "P1", "lines": [LINE] * 201})


def test_the_largest_sane_question_is_accepted():
    [query] = bind_arguments(API["check_feasibility"], (_feasibility(
        design_days=365, line={"quantity": "10000.000", "requested_date": "2099-12-31"}),),
        {}, KEY)
    assert isinstance(query, FeasibilityQuery) and query.lines[0].quantity == 10000


@pytest.mark.parametrize(("report", "where"), [
    ({"completed_quantity": "-1"}, ("completed_quantity",)),
    ({"completed_quantity": "20000"}, ("completed_quantity",)),
    ({"completed_quantity": ""}, ("completed_quantity",)),
    ({"completed_quantity": "1", "note": "day\x001"}, ("note",)),
])
def test_an_absurd_progress_report_is_refused(report, where):
    assert where in _refused("report_progress", PLANNER, "WO-P1-000001", report)


def test_a_zero_progress_report_is_a_valid_start():
    assert ProgressReport.model_validate({"completed_quantity": "0"}).completed_quantity == 0


def test_a_design_review_refuses_absurd_days_and_nul_in_its_notes():
    assert ("design_days",) in _refused("review_design", PLANNER, "SO-P1-000001",
                                        {"design_days": 10**9})
    assert ("notes",) in _refused("review_design", PLANNER, "SO-P1-000001",
                                  {"design_days": 3, "notes": "a\x00b"})


@pytest.mark.parametrize(("method", "args", "argument"), [
    ("list_work_orders", ("nope", 100), "status"),
    ("list_work_orders", (None, 10**6), "limit"),
    ("list_pending_design_reviews", (0,), "limit"),
])
def test_a_status_filter_must_be_a_status_and_every_list_is_bounded(method, args, argument):
    with pytest.raises(InvalidRequest, match=f"invalid argument {argument}"):
        bind_arguments(API[method], (PLANNER, *args), {}, KEY)


def test_a_list_of_work_orders_defaults_to_a_page_of_100_of_every_order():
    [_, status, limit, order_no] = bind_arguments(API["list_work_orders"], (PLANNER, "ready"),
                                                  {}, KEY)
    assert (status, limit, order_no) == ("ready", 100, None)
