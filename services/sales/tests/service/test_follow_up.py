"""Order follow-up on a real broker and database (SAL-9, SAL-11): the task opens 3 and is
due 2 working days before the confirmed date and breaches unchecked; a late forecast from
planning is a deviation that ends in an urge note whose final deadline breaches when
production does not finish by it."""

from datetime import UTC, date, datetime, timedelta

from sales_support import CLERK, ORDER, REQUESTED, remote_error, sales_proxy, start_sales

from contracts.events.forecasts import ForecastUpdated
from servicekit.testing import deliver_event
from servicekit.testing_deadlines import assert_limit_breaches
from servicekit.workcalendar import DEFAULT_CALENDAR

CONFIRMED = date.fromisoformat(REQUESTED)


def instructed(proxy) -> str:
    no = proxy.receive_order(CLERK, ORDER)["order_no"]
    proxy.review_order(CLERK, no)
    proxy.quote_order(CLERK, no)
    proxy.sign_contract(CLERK, no, {"deposit_percent": "30"})
    proxy.record_payment(CLERK, no, {"amount": "51600.00"})
    proxy.issue_production_instruction(CLERK, no)
    return no


def test_an_unchecked_follow_up_breaches_sal_9(container_factory, make_config):  # SAL-9, X-1
    config = make_config("sales")
    sales = start_sales(container_factory, config)
    with sales_proxy(config) as proxy:
        no = instructed(proxy)
        [task] = [t for t in proxy.list_follow_ups(CLERK, REQUESTED, 100)
                  if t["order_no"] == no]
        assert task["status"] == "open" and task["deviation"] is False
    assert_limit_breaches(sales, "SAL-9.follow_up", no,
                          anchor=DEFAULT_CALENDAR.start_of_business(CONFIRMED))


def test_a_late_forecast_is_a_deviation_and_the_urge_notes_deadline_breaches(
        container_factory, make_config):  # rule SAL-9, SAL-11, X-1
    config = make_config("sales")
    sales = start_sales(container_factory, config)
    with sales_proxy(config) as proxy:
        no = instructed(proxy)
        check = {"confirmed_date": REQUESTED}
        urge = {"confirmed_date": REQUESTED,
                "new_date": (CONFIRMED + timedelta(days=10)).isoformat(),
                "final_deadline": (CONFIRMED + timedelta(days=7)).isoformat()}
        assert proxy.record_follow_up(CLERK, no, check)["deviation"] is False
        assert remote_error(lambda: proxy.issue_urge_note(CLERK, no, urge)) == "Conflict"

    late = datetime.combine(CONFIRMED + timedelta(days=9), datetime.min.time(), tzinfo=UTC)
    deliver_event(sales, "on_forecast_updated", "planning.forecast_updated", ForecastUpdated(
        order_no=no, forecast_completion=late, reason="coil winding behind"), company_id="P1")
    with sales_proxy(config) as proxy:
        order = proxy.get_order(CLERK, no)
        assert "after the confirmed date" in order["status_note"]  # SAL-11
        assert proxy.record_follow_up(CLERK, no, check)["deviation"] is True
        sent = proxy.issue_urge_note(CLERK, no, urge)
        assert sent["urge_note_no"].startswith("UN-P1-")
        stages = [s["stage"] for s in proxy.journey(CLERK, no)]
        assert {"forecast completion", "customer told a new date", "urge note"} <= set(stages)
    assert_limit_breaches(sales, "SAL-9.urge_final_deadline", no, anchor=(
        DEFAULT_CALENDAR.start_of_business(CONFIRMED + timedelta(days=7))))
