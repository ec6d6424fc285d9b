"""Planning alone, driven by published events: demand, decomposition (PLN-1, PLN-4), materials,
the shop floor (PLN-8), completion (PLN-12), company scoping."""

from datetime import date
from decimal import Decimal

import pytest
from nameko.exceptions import RemoteError
from nameko.standalone.rpc import ServiceRpcProxy
from planning_events import P1_PLANNER, P2_PLANNER, instruction, order_received

from contracts.events.logistics import FinishedGoodsStocked
from contracts.events.procurement import MaterialAvailable, PurchaseOrdered
from contracts.events.quality import FinalInspectionFailed
from contracts.rpc.planning import FeasibilityQuery
from planning.service import PlanningService
from servicekit.testing import deliver_event, queue_depth, start_service, take_all, wait_until
from servicekit.testing_deadlines import assert_limit_breaches

pytestmark = pytest.mark.service
ORDER = "SO-P1-000001"


@pytest.fixture
def planning(container_factory, make_config):
    return start_service(container_factory, PlanningService, make_config("planning"))


def _deliver(container, entrypoint, event_type, payload):
    """Publish the event; wait (decomposition computes) until planning handled it."""
    deliver_event(container, entrypoint, event_type, payload, timeout=15)


def _refused(call) -> str:
    with pytest.raises(RemoteError) as info:
        call()
    return info.value.exc_type


def test_an_instruction_becomes_a_plan_that_runs_to_production_completed(
        planning, amqp_uri, db_backend):
    _deliver(planning, "on_order_received", "sales.order_received", order_received())
    _deliver(planning, "on_production_instruction_issued",
             "sales.production_instruction_issued", instruction())

    with ServiceRpcProxy("planning", planning.config) as rpc:
        plan = rpc.get_plan(P1_PLANNER, ORDER)
        assert plan["plan_no"] == "PL-P1-000001"
        assert [w["work_order_no"] for w in plan["work_orders"]] == [
            "WO-P1-000001", "WO-P1-000002"]
        assert {w["status"] for w in plan["work_orders"]} == {"waiting_material"}
        assert [op["work_centre"] for op in plan["work_orders"][0]["operations"]] == [
            "P1-ASSY", "P1-WIRE", "P1-TEST"]
        requests = {r["material_code"]: r for r in plan["material_requests"]}
        # PLN-4: gross needs = BOM x quantity, one request per material of the order
        assert Decimal(requests["CU-BAR-10x100"]["quantity"]) == Decimal("25")
        assert Decimal(requests["BRK-NXM-400"]["quantity"]) == Decimal("9")
        assert len(requests) == 8
        assert plan["publication"] == "proposed"

        # PLN-1: nothing leaves planning until the planner publishes the proposed plan
        assert queue_depth(amqp_uri, "procurement.planning.material_requested") == 0
        assert rpc.publish_plan(P1_PLANNER, ORDER, {"note": "as proposed"})[
            "publication"] == "published"
        # one planning.material_requested per material, and planning.order_planned
        wait_until(lambda: queue_depth(amqp_uri,
                                       "procurement.planning.material_requested") == 8)
        asked = take_all(amqp_uri, "procurement.planning.material_requested")
        assert sorted(e["payload"]["material_code"] for e in asked) == sorted(requests)
        assert {e["payload"]["needed_by"] for e in asked} <= {
            r["needed_by"] for r in requests.values()}
        planned = take_all(amqp_uri, "sales.planning.order_planned")
        assert len(planned) == 1 and planned[0]["payload"]["plan_no"] == "PL-P1-000001"
        assert planned[0]["payload"]["material_requests"] == 8

        # PLN-1: the decomposition deadline was tracked and met
        pln1 = [d for d in rpc.deadlines_for_order(ORDER) if d["rule_id"] == "PLN-1"]
        assert len(pln1) == 1 and pln1[0]["status"] == "met"

        # materials missing: release is refused
        first = plan["work_orders"][0]["work_order_no"]
        assert _refused(lambda: rpc.release_work_order(P1_PLANNER, first)) == "Conflict"

        # procurement orders one and makes every material available
        cu = requests["CU-BAR-10x100"]
        _deliver(planning, "on_purchase_ordered", "procurement.purchase_ordered",
                 PurchaseOrdered(po_no="PO-P1-000001", request_no=cu["request_no"],
                                 order_no=ORDER, material_code="CU-BAR-10x100",
                                 quantity=Decimal("25"), supplier_code="SUP-01",
                                 confirmed_date=date(2026, 12, 20)))
        ordered = {r["material_code"]: r for r in rpc.get_plan(P1_PLANNER, ORDER)[
            "material_requests"]}["CU-BAR-10x100"]
        assert (ordered["status"], ordered["eta"], ordered["po_no"]) == (
            "ordered", "2026-12-20", "PO-P1-000001")
        for r in requests.values():
            _deliver(planning, "on_material_available",
                     "procurement.material_available",
                     MaterialAvailable(request_no=r["request_no"], order_no=ORDER,
                                       material_code=r["material_code"],
                                       quantity=Decimal(r["quantity"]), source="stock"))
        assert {w["status"] for w in rpc.list_work_orders(P1_PLANNER, "ready")} and \
            {w["status"] for w in rpc.get_plan(P1_PLANNER, ORDER)["work_orders"]} == {"ready"}

        # the shop floor: release, progress (PLN-8), complete
        second = plan["work_orders"][1]["work_order_no"]
        for wo in (first, second):
            assert rpc.release_work_order(P1_PLANNER, wo)["status"] == "released"
        progress = rpc.report_progress(P1_PLANNER, first, {"completed_quantity": "1",
                                                           "note": "day 1"})
        assert progress["status"] == "in_progress"
        assert Decimal(progress["completed_quantity"]) == 1
        assert _refused(lambda: rpc.report_progress(
            P1_PLANNER, first, {"completed_quantity": "5"})) == "InvalidRequest"
        assert rpc.complete_work_order(P1_PLANNER, first)["status"] == "done"
        assert queue_depth(amqp_uri, "quality.planning.production_completed") == 0
        assert rpc.complete_work_order(P1_PLANNER, second)["status"] == "done"

        for queue in ("quality.planning.production_completed",
                      "sales.planning.production_completed"):
            wait_until(lambda q=queue: queue_depth(amqp_uri, q) == 1)
        done = take_all(amqp_uri, "quality.planning.production_completed")[0]["payload"]
        assert done["plan_no"] == "PL-P1-000001"
        assert {(line["product_code"], Decimal(line["quantity"])) for line in done["lines"]} == {
            ("KYN28-12", Decimal(2)), ("GGD-400", Decimal(3))}
        assert rpc.get_plan(P1_PLANNER, ORDER)["status"] == "produced"

        # final inspection fails: rework; done again: production completed again
        _deliver(planning, "on_final_inspection_failed",
                 "quality.final_inspection_failed",
                 FinalInspectionFailed(order_no=ORDER, inspection_no="FI-P1-000001",
                                       inspected_by="qc", findings="door gaps"))
        reworked = rpc.get_plan(P1_PLANNER, ORDER)
        assert reworked["status"] == "rework"
        assert {w["status"] for w in reworked["work_orders"]} == {"in_progress"}
        assert "door gaps" in reworked["work_orders"][0]["note"]
        for wo in (first, second):
            rpc.complete_work_order(P1_PLANNER, wo)
        wait_until(lambda: queue_depth(amqp_uri, "sales.planning.production_completed") == 2)

        # packed and stocked: complete (PLN-12)
        _deliver(planning, "on_finished_goods_stocked",
                 "logistics.finished_goods_stocked",
                 FinishedGoodsStocked(order_no=ORDER, stock_entry_no="FG-P1-000001",
                                      stocked_at=reworked["planned_completion"], lines=[]))
        assert rpc.get_plan(P1_PLANNER, ORDER)["status"] == "completed"

        stages = [s["stage"] for s in rpc.journey(P1_PLANNER, ORDER)]
        assert stages[:3] == ["demand recorded", "plan decomposed", "plan published"]
        assert "material CU-BAR-10x100" in stages and f"work order {first}" in stages
        assert stages[-3:] == ["production completed", "rework", "completed (stocked)"]
        published = rpc.journey(P1_PLANNER, ORDER)[2]
        assert "PLN-1 due" in published["summary"] and "(met)" in published["summary"]


def test_another_companys_planner_sees_nothing_of_the_plan(planning, amqp_uri):
    _deliver(planning, "on_order_received", "sales.order_received", order_received())
    _deliver(planning, "on_production_instruction_issued",
             "sales.production_instruction_issued", instruction(complete_set=True))
    with ServiceRpcProxy("planning", planning.config) as rpc:
        wo = rpc.get_plan(P1_PLANNER, ORDER)["work_orders"][0]["work_order_no"]
        assert _refused(lambda: rpc.get_plan(P2_PLANNER, ORDER)) == "NotFound"
        assert _refused(lambda: rpc.get_demand(P2_PLANNER, ORDER)) == "NotFound"
        assert _refused(lambda: rpc.release_work_order(P2_PLANNER, wo)) == "NotFound"
        assert rpc.list_work_orders(P2_PLANNER) == []
        assert rpc.journey(P2_PLANNER, ORDER) == []
        assert len(rpc.list_work_orders(P1_PLANNER)) == 2
        assert _refused(lambda: rpc.publish_plan(P2_PLANNER, ORDER, {})) == "NotFound"
        assert rpc.list_plans(P2_PLANNER) == []
        # complete sets get a working day for decomposition (PLN-1), met by publishing
        pln1 = [d for d in rpc.deadlines_for_order(ORDER) if d["rule_id"] == "PLN-1"]
        assert pln1[0]["status"] == "open" and "complete set" in pln1[0]["description"]
        rpc.publish_plan(P1_PLANNER, ORDER, {})
        pln1 = [d for d in rpc.deadlines_for_order(ORDER) if d["rule_id"] == "PLN-1"]
        assert pln1[0]["status"] == "met"


def test_feasibility_answers_a_date_and_its_binding_constraint(planning):
    query = FeasibilityQuery(company_id="P1", lines=[
        {"product_code": "KYN28-12", "quantity": "2", "requested_date": "2030-01-31"}])
    with ServiceRpcProxy("planning", planning.config) as rpc:
        answer = rpc.check_feasibility(query.model_dump(mode="json"))
        assert answer["feasible"] is True
        assert answer["binding_kind"] == "material" and "BRK-VS1-12" in answer[
            "binding_constraint"]
        bad = {**query.model_dump(mode="json"),
               "lines": [{"product_code": "NOPE", "quantity": "1",
                          "requested_date": "2030-01-31"}]}
        assert _refused(lambda: rpc.check_feasibility(bad)) == "InvalidRequest"


def test_an_instruction_that_cannot_be_decomposed_breaches_pln_1_for_a_complete_set(
        planning, amqp_uri):  # rule PLN-1, X-1: the product is missing from master data
    _deliver(planning, "on_production_instruction_issued",
             "sales.production_instruction_issued",
             instruction(complete_set=True, lines=[("NO-SUCH-PRODUCT", "1")]))
    assert_limit_breaches(planning, "PLN-1.decompose_complete_set", ORDER)


def test_a_plan_left_unpublished_breaches_pln_1(planning, amqp_uri):  # rule PLN-1, X-1
    """Decomposed at once, but the planner's publishing is what the limit waits for."""
    _deliver(planning, "on_order_received", "sales.order_received", order_received())
    _deliver(planning, "on_production_instruction_issued",
             "sales.production_instruction_issued", instruction())
    with ServiceRpcProxy("planning", planning.config) as rpc:
        [proposed] = rpc.list_plans(P1_PLANNER, "proposed")
        assert proposed["order_no"] == ORDER
    assert_limit_breaches(planning, "PLN-1.decompose_other", ORDER)


def test_an_instruction_that_cannot_be_decomposed_breaches_pln_1_for_another_product(
        planning, amqp_uri):  # rule PLN-1, X-1
    _deliver(planning, "on_production_instruction_issued",
             "sales.production_instruction_issued",
             instruction(complete_set=False, lines=[("NO-SUCH-PRODUCT", "1")]))
    assert_limit_breaches(planning, "PLN-1.decompose_other", ORDER)
