"""Non-regular orders wait for the design department's review (SAL-3); declined orders are
marked (SAL-4)."""

import pytest
from nameko.exceptions import RemoteError
from nameko.standalone.rpc import ServiceRpcProxy
from planning_events import DESIGNER, P2_PLANNER, order_received

from contracts.events.sales import OrderDeclined
from planning.service import PlanningService
from servicekit.testing import deliver_event, queue_depth, start_service, take_all, wait_until

pytestmark = pytest.mark.service


def test_a_non_regular_order_is_reviewed_by_design_and_sales_is_told(
        container_factory, make_config, amqp_uri, db_backend):
    planning = start_service(container_factory, PlanningService, make_config("planning"))
    deliver_event(planning, "on_order_received", "sales.order_received",
                  order_received("SO-P1-000007", non_regular=True), timeout=15)
    deliver_event(planning, "on_order_received", "sales.order_received",
                  order_received("SO-P1-000008"), timeout=15)

    with ServiceRpcProxy("planning", planning.config) as rpc:
        pending = rpc.list_pending_design_reviews(DESIGNER)
        assert [d["order_no"] for d in pending] == ["SO-P1-000007"]
        assert pending[0]["non_regular"] is True
        assert rpc.list_pending_design_reviews(P2_PLANNER) == []

        reviewed = rpc.review_design(DESIGNER, "SO-P1-000007",
                                     {"feasible": True, "design_days": 22, "notes": "new busbar"})
        assert reviewed["design_review"]["design_days"] == 22
        assert reviewed["design_review"]["reviewed_by"] == "designer.p1"
        assert rpc.list_pending_design_reviews(DESIGNER) == []
        # PLN-2 for this order now counts the reviewed design time (22 working days > the
        # 15 working days of the slowest material)
        answer = rpc.check_feasibility({"company_id": "P1", "order_no": "SO-P1-000007", "lines": [
            {"product_code": "KYN28-12", "quantity": "1", "requested_date": "2030-01-31"}]})
        assert answer["binding_kind"] == "design"
        assert "22 working days" in answer["binding_constraint"]

        wait_until(lambda: queue_depth(amqp_uri, "sales.planning.design_reviewed") == 1)
        event = take_all(amqp_uri, "sales.planning.design_reviewed")[0]
        assert event["payload"] == {"order_no": "SO-P1-000007", "feasible": True,
                                    "design_days": 22, "reviewed_by": "designer.p1",
                                    "notes": "new busbar"}

        with pytest.raises(RemoteError) as info:  # a regular order needs no design review
            rpc.review_design(DESIGNER, "SO-P1-000008", {"design_days": 1})
        assert info.value.exc_type == "Conflict"
        stages = {s["stage"]: s for s in rpc.journey(DESIGNER, "SO-P1-000007")}
        assert stages["design review"]["state"] == "done"

    deliver_event(planning, "on_order_declined", "sales.order_declined",
                  OrderDeclined(order_no="SO-P1-000008", reason="date refused", approved_by="gm"),
                  timeout=15)
    with ServiceRpcProxy("planning", planning.config) as rpc:
        assert rpc.get_demand(DESIGNER, "SO-P1-000008")["status"] == "declined"
