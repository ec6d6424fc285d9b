"""Customer change notices on a real broker and database (SAL-8, PLN-15): the 30-minute
answer limit opens at receipt and breaches unanswered; severity 2 is re-reviewed against
planning and issued with the customer's agreement; severity 3 waits for design and a
supplementary contract; the saga settles on the departments' answers."""

from datetime import UTC, datetime, timedelta

from sales_support import CLERK, GM, INFEASIBLE, ORDER, remote_error, sales_proxy, start_sales

from contracts.events.changes import ChangeAnswered
from servicekit.testing import deliver_event, signed_actor, take_all
from servicekit.testing_deadlines import assert_limit_breaches

DESIGNER = signed_actor({"username": "dora", "roles": ["design"], "companies": ["P1"]})
ISSUED_Q = "planning.sales.change_issued"


def change(**extra) -> dict:
    return {"received_at": datetime.now(UTC).isoformat(), "received_from": "customer, by fax",
            "lines": [{"line_no": 1, "quantity": "3"}], **extra}


def order_with_change(proxy, **extra) -> tuple[str, dict]:
    no = proxy.receive_order(CLERK, ORDER)["order_no"]
    return no, proxy.record_change(CLERK, no, change(**extra))


def test_an_unanswered_change_breaches_sal_8(container_factory, make_config):  # SAL-8, X-1
    config = make_config("sales")
    sales = start_sales(container_factory, config)
    received = datetime.now(UTC) - timedelta(minutes=5)
    with sales_proxy(config) as proxy:
        no = proxy.receive_order(CLERK, ORDER)["order_no"]
        proxy.record_change(CLERK, no, change(received_at=received.isoformat()))
    assert_limit_breaches(sales, "SAL-8.answer_change", no, anchor=received)


def test_an_unanswered_technical_change_breaches_pln_15(container_factory,
                                                        make_config):  # PLN-15, X-1
    config = make_config("sales")
    sales = start_sales(container_factory, config)
    received = datetime.now(UTC)
    with sales_proxy(config) as proxy:
        no = proxy.receive_order(CLERK, ORDER)["order_no"]
        proxy.record_change(DESIGNER, no, change(received_at=received.isoformat(),
                                                 technical_change=True, lines=[],
                                                 technical_requirement="VS1 → VD4 breaker"))
    assert_limit_breaches(sales, "PLN-15.answer_technical_change", no, anchor=received)


def test_a_severity_2_change_is_re_reviewed_and_issued_with_the_customers_agreement(
        container_factory, make_config, amqp_uri):  # rule SAL-8.2, PLN-2
    config = make_config("sales")
    start_sales(container_factory, config, planning=INFEASIBLE)
    with sales_proxy(config) as proxy:
        no, notice = order_with_change(proxy)
        cn = notice["change_no"]
        classified = proxy.classify_change(CLERK, cn, {"severity": 2,
                                                       "reason": "3 cabinets need more time"})
        assert classified["status"] == "awaiting_rereview"
        assert proxy.deadlines_for_order(no)[0]["status"] == "met"  # answered (SAL-8)
        reviewed = proxy.rereview_change(CLERK, cn)
        assert reviewed["earliest_date"] == INFEASIBLE["earliest_date"]
        assert reviewed["binding_constraint"] == "assembly line A booked out"
        too_early = {"confirmed_date": (datetime.now(UTC) + timedelta(days=45)).date().isoformat()}
        assert remote_error(lambda: proxy.agree_change_date(CLERK, cn, too_early)) == \
            "InvalidRequest"
        issued = proxy.agree_change_date(CLERK, cn, {"confirmed_date": INFEASIBLE["earliest_date"],
                                                     "note": "customer agreed by phone"})
        assert issued["status"] == "issued"
    [event] = [e for e in take_all(amqp_uri, ISSUED_Q) if e["payload"]["change_no"] == cn]
    assert event["payload"]["lines"][0]["confirmed_date"] == INFEASIBLE["earliest_date"]


def test_a_severity_3_change_needs_design_then_a_supplementary_contract(
        container_factory, make_config):  # rule SAL-8.3, SAL-3, SAL-5
    config = make_config("sales")
    sales = start_sales(container_factory, config)
    with sales_proxy(config) as proxy:
        no, notice = order_with_change(proxy, technical_requirement="main breaker 1250A→2000A")
        cn = notice["change_no"]
        proxy.classify_change(CLERK, cn, {"severity": 3, "reason": "main component changes"})
        contract = {"price_increase": "18000.00"}
        assert remote_error(lambda: proxy.sign_supplementary_contract(CLERK, cn, contract)) \
            == "Conflict"
        assert remote_error(lambda: proxy.review_change_design(
            CLERK, cn, {"feasible": True})) == "Forbidden"
        assert proxy.review_change_design(DESIGNER, cn, {"feasible": True})["status"] == \
            "awaiting_contract"
        signed = proxy.sign_supplementary_contract(GM, cn, contract)
        assert signed["status"] == "issued" and signed["supplementary_contract_no"]
        # the saga settles when all three answered applied
        for department in ("planning", "quality", "procurement"):
            deliver_event(sales, f"on_{department}_change_answered",
                          f"{department}.change_answered", ChangeAnswered(
                              change_no=cn, order_no=no, department=department, applied=True))
        assert proxy.get_change(CLERK, cn)["status"] == "applied"
        revisions = proxy.list_order_revisions(CLERK, no, 100)
        assert [(r["revision"], r["current"]) for r in revisions] == [(1, False), (2, True)]
        assert proxy.get_order(CLERK, no)["lines"][0]["quantity"] == "3.000"
        # another change may follow once this one is settled; none while one is open
        second = proxy.record_change(CLERK, no, change())
        assert remote_error(lambda: proxy.record_change(CLERK, no, change())) == "Conflict"
        assert second["revision"] == 3
