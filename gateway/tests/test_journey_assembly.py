"""The journey view (X-3): assembly rules (pure) and the route's tolerance of silent services."""

from __future__ import annotations

import pytest

from contracts.catalog import SERVICES
from gateway.journey import assemble_journey, current_stage, sort_stages, summarise_deadlines
from gateway.rpc.errors import RemoteError, RpcTimeout, ServiceUnavailable

pytestmark = pytest.mark.unit
# an order as sales answers it (contracts.rpc.sales.OrderPublic)
ORDER = {"order_no": "SO-P1-000001", "company_id": "P1", "customer_code": "CUST-001",
         "customer_grade": "A", "kind": "regular", "non_regular_reasons": [],
         "repeat_of": None, "rush": False, "complete_set": False, "status": "produced",
         "received_at": "2030-01-01T00:00:00Z",
         "lines": [{"line_no": 1, "product_code": "KYN28-12", "spec": "", "quantity": "2",
                    "requested_date": "2030-01-01"}]}


def stage(name, department, started, state="done", ended=None, **extra):
    return {"stage": name, "department": department, "state": state,
            "started_at": f"2030-01-{started}T08:00:00+08:00",
            "ended_at": f"2030-01-{ended}T08:00:00+08:00" if ended else None, **extra}


def deadline(rule_id, due, status="open", **extra):
    return {"id": rule_id, "rule_id": rule_id, "subject": "SO-P1-000001",
            "description": f"{rule_id} limit", "company_id": "P1", "order_no": "SO-P1-000001",
            "opened_at": "2030-01-01T00:00:00+00:00", "due_at": f"2030-01-{due}T00:00:00+00:00",
            "status": status, "met_at": None, "breached_at": None, "escalation_level": 0,
            "escalated_to": None, **extra}


STAGES = {
    "sales": [stage("order received", "sales", "01", ended="02", actor="sales.p1",
                    refs={"order_no": "SO-P1-000001"}),
              stage("contract and payment", "sales", "03", ended="05", actor="sales.p1")],
    "planning": [stage("production", "planning", "06", state="in_progress", actor="planner.p1",
                       refs={"plan_no": "PL-1"})],
    "procurement": [stage("purchasing", "procurement", "03", state="done", ended="04")],
    "quality": [],
}


def test_stages_from_every_service_are_one_timeline_by_start():
    journey = assemble_journey(ORDER, STAGES, {})
    assert [s.stage for s in journey.stages] == [
        "order received", "contract and payment", "purchasing", "production"]
    assert journey.status == "produced"
    assert journey.order_no == "SO-P1-000001" and journey.company_id == "P1"
    first = journey.stages[0]
    assert (first.department, first.actor, first.refs) == ("sales", "sales.p1",
                                                            {"order_no": "SO-P1-000001"})
    assert first.ended_at is not None
    assert journey.unavailable == []


def test_ties_on_start_follow_the_departments_order():
    tied = sort_stages(assemble_journey(ORDER, {
        "logistics": [stage("b", "logistics", "02")], "sales": [stage("a", "sales", "02")],
    }, {}).stages)
    assert [s.department for s in tied] == ["sales", "logistics"]


def test_times_in_different_zones_sort_by_the_instant():
    early_utc = {**stage("late-looking", "quality", "02"),
                 "started_at": "2030-01-02T01:00:00+00:00"}  # 09:00 in Shanghai
    journey = assemble_journey(ORDER, {"sales": [stage("at eight", "sales", "02")],
                                       "quality": [early_utc]}, {})
    assert [s.stage for s in journey.stages] == ["at eight", "late-looking"]


def test_the_timeline_is_in_one_offset_so_its_text_sorts_too():
    journey = assemble_journey(ORDER, STAGES, {}).model_dump(mode="json")
    starts = [stage["started_at"] for stage in journey["stages"]]
    assert starts == sorted(starts)
    assert all(start.endswith("Z") or start.endswith("+00:00") for start in starts)
    assert journey["stages"][0]["started_at"].startswith("2030-01-01T00:00:00")


def test_the_current_stage_is_the_latest_open_one():
    journey = assemble_journey(ORDER, STAGES, {})
    assert journey.current_stage.stage == "production"
    everything_done = assemble_journey(ORDER, {"sales": STAGES["sales"]}, {})
    assert everything_done.current_stage.stage == "contract and payment"
    assert current_stage([]) is None


def test_a_waiting_stage_counts_as_open():
    journey = assemble_journey(ORDER, {
        "sales": [stage("review", "sales", "01", state="waiting")],
        "planning": [stage("design", "planning", "02", state="done", ended="03")]}, {})
    assert journey.current_stage.stage == "review"


def test_a_stage_without_department_gets_the_reporting_service():
    journey = assemble_journey(ORDER, {"quality": [stage("final inspection", "", "07")]}, {})
    assert journey.stages[0].department == "quality"


def test_unavailable_services_are_listed_and_the_rest_is_shown():
    journey = assemble_journey(ORDER, {"sales": STAGES["sales"]}, {},
                               unavailable=["quality", "planning", "quality"])
    assert journey.unavailable == ["planning", "quality"]  # departments' order, once each
    assert len(journey.stages) == 2


def test_a_malformed_answer_makes_the_service_unavailable_not_the_view():
    journey = assemble_journey(ORDER, {"sales": STAGES["sales"],
                                       "logistics": [{"stage": "no times"}]},
                               {"aftersales": [{"rule_id": "AFS-1"}]})
    assert journey.unavailable == ["logistics", "aftersales"]
    assert len(journey.stages) == 2


def test_deadlines_split_into_open_and_breached_with_department_and_escalation():
    open_, breached = summarise_deadlines({
        "sales": [deadline("SAL-7", "09"), deadline("SAL-8", "05")],
        "planning": [deadline("PLN-8", "04", status="breached",
                              breached_at="2030-01-04T00:00:00+00:00", escalation_level=1,
                              escalated_to="department_leader"),
                     deadline("PLN-1", "02", status="breached",
                              breached_at="2030-01-02T00:00:00+00:00", escalation_level=2,
                              escalated_to="general_manager")],
        "aftersales": [deadline("AFS-1", "01", status="met", met_at="2030-01-01T00:00:00+00:00"),
                       deadline("AFS-2", "01", status="breached",
                                breached_at="2030-01-01T00:00:00+00:00",
                                met_at="2030-01-02T00:00:00+00:00")],
    })
    assert [(d.rule_id, d.department) for d in open_] == [("SAL-8", "sales"), ("SAL-7", "sales")]
    assert [(d.rule_id, d.escalated_to) for d in breached] == [
        ("PLN-1", "general_manager"), ("PLN-8", "department_leader")]
    assert all(d.department == "planning" for d in breached)


def test_the_journey_carries_the_deadline_summary():
    journey = assemble_journey(ORDER, STAGES, {
        "sales": [deadline("SAL-7", "09")],
        "aftersales": [deadline("AFS-1", "01", status="met", met_at="2030-01-01T00:00:00Z")]})
    assert [d.rule_id for d in journey.open_deadlines] == ["SAL-7"]
    assert journey.breached_deadlines == []
    # every limit tracked on the order, met ones too, by due time
    assert [(d.rule_id, d.department, d.status) for d in journey.deadlines] == [
        ("AFS-1", "aftersales", "met"), ("SAL-7", "sales", "open")]
    body = journey.model_dump(mode="json")
    assert set(body["open_deadlines"][0]) >= {"rule_id", "due_at", "department", "escalated_to"}

# --- the route: concurrent calls, silent services ---------------------------------------


@pytest.fixture
def services_answering(fake_rpc):
    for service in SERVICES:
        fake_rpc.handlers[(service, "order_view")] = (
            lambda actor, no, service=service: {
                "stages": STAGES.get(service, []),
                "deadlines": [deadline("SAL-7", "09")] if service == "sales" else [],
                **({"order": {**ORDER, "order_no": no}} if service == "sales" else {})})
    return fake_rpc


def test_the_journey_route_asks_every_service(client, token_for, services_answering):
    response = client.get("/orders/SO-P1-000001/journey", headers=token_for("planner.p1"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["stages"]) == 4 and body["current_stage"]["stage"] == "production"
    assert body["status"] == "produced" and body["unavailable"] == []
    assert body["open_deadlines"][0]["rule_id"] == "SAL-7"
    asked = {(service, method) for service, method, *_ in services_answering.calls}
    # one order_view per service (issue 16): sales' brings the order, planning's the
    # co-production instructions whose makers' stages are the sub-journeys (CO-1)
    assert asked == {(service, "order_view") for service in SERVICES}
    assert len(services_answering.calls) == len(SERVICES)
    journey_call = next(c for c in services_answering.calls
                        if c[:2] == ("quality", "order_view"))
    assert journey_call[2][0]["username"] == "planner.p1"  # the actor first
    assert journey_call[3] == 5.0  # the journey's own, short timeout


def test_a_co_produced_part_adds_its_makers_stages_as_a_sub_journey(
        client, token_for, services_answering):
    # rule CO-1: the requester sees the maker's stages, asked for that instruction only,
    # as the user reading for the maker's company
    instruction = {
        "instruction_no": "CI-P1-000001", "requester_company_id": "P1",
        "requester_order_no": "SO-P1-000001", "request_no": "MR-P1-000001",
        "maker_company_id": "S1", "material_code": "ENC-KYN61", "quantity": "1",
        "needed_by": "2030-01-10", "unit_price": "9800.00", "delivery_place": "P1 store",
        "issued_at": "2030-01-01T08:00:00+08:00", "status": "planned"}
    maker_stage = {**STAGES["planning"][0], "stage": "plan at S1"}
    for service in SERVICES:
        services_answering.handlers[(service, "order_view")] = (
            lambda actor, no, service=service: {
                "stages": STAGES.get(service, []) if no == "SO-P1-000001"
                else [maker_stage] if service == "planning" else [], "deadlines": [],
                **({"order": {**ORDER, "order_no": no}} if service == "sales" else {}),
                **({"co_production": [instruction]}
                   if service == "planning" and no == "SO-P1-000001" else {})})
    body = client.get("/orders/SO-P1-000001/journey", headers=token_for("planner.p1")).json()
    [sub] = body["sub_journeys"]
    assert (sub["instruction_no"], sub["company_id"], sub["status"]) == (
        "CI-P1-000001", "S1", "planned")
    assert [s["stage"] for s in sub["stages"]] == ["plan at S1"]
    assert "plan at S1" not in [s["stage"] for s in body["stages"]]
    readers = [c[2][0] for c in services_answering.calls
               if c[1] == "order_view" and c[2][1] == "CI-P1-000001"]
    assert len(readers) == 6 and all(r["companies"] == ["S1"] and r["username"] == "planner.p1"
                                     for r in readers)


def test_malformed_co_production_instructions_leave_the_journey_without_sub_journeys(
        client, token_for, services_answering):
    services_answering.handlers[("planning", "order_view")] = (
        lambda actor, no: {"stages": STAGES["planning"], "deadlines": [],
                           "co_production": [{"instruction_no": "CI-P1-000001"}]})
    response = client.get("/orders/SO-P1-000001/journey", headers=token_for("planner.p1"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["sub_journeys"] == [] and body["unavailable"] == []
    assert len(body["stages"]) == 4  # planning's own stages still shown


def test_a_silent_service_is_unavailable_and_the_view_still_200(client, token_for,
                                                               services_answering):
    services_answering.handlers[("quality", "order_view")] = RpcTimeout("quality", "order_view",
                                                                         5)
    services_answering.handlers[("logistics", "order_view")] = ServiceUnavailable(
        "logistics", "no queue bound")
    services_answering.handlers[("aftersales", "order_view")] = RemoteError(
        "RuntimeError", "boom", None, ["boom"])
    response = client.get("/orders/SO-P1-000001/journey", headers=token_for("sales.p1"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["unavailable"] == ["quality", "logistics", "aftersales"]
    assert len(body["stages"]) == 4


def test_a_service_that_does_not_know_the_order_just_has_no_stages(client, token_for,
                                                                   services_answering):
    services_answering.handlers[("quality", "order_view")] = RemoteError(
        "NotFound", "unknown order", None, ["unknown order", {}])
    body = client.get("/orders/SO-P1-000001/journey", headers=token_for("sales.p1")).json()
    assert body["unavailable"] == []


def test_an_order_sales_does_not_show_is_404_and_nothing_else_is_asked(client, token_for,
                                                                       services_answering):
    services_answering.handlers[("sales", "order_view")] = RemoteError(
        "NotFound", "order SO-P1-000001 not found", None, ["order SO-P1-000001 not found", {}])
    response = client.get("/orders/SO-P1-000001/journey", headers=token_for("sales.p2"))
    assert response.status_code == 404
    assert [c[:2] for c in services_answering.calls] == [("sales", "order_view")]


def test_a_sales_view_without_a_valid_order_is_an_upstream_error(client, token_for,
                                                                 services_answering):
    services_answering.handlers[("sales", "order_view")] = (
        lambda actor, no: {"stages": [], "deadlines": [], "order": {"order_no": no}})
    response = client.get("/orders/SO-P1-000001/journey", headers=token_for("sales.p1"))
    assert response.status_code == 502, response.text


def test_the_journey_needs_a_token(client):
    assert client.get("/orders/SO-P1-000001/journey").status_code == 401


def test_each_stage_links_the_trace_of_its_departments_event_nearest_its_start():
    """X-3: ops jump from a stage to its trace; a mark of another department, or one
    further than a minute away, links nothing."""
    traces = {"sales": [{"event_type": "sales.order_received", "trace_id": "a" * 32,
                         "at": "2030-01-01T00:00:00.200Z"},
                        {"event_type": "sales.contract_signed", "trace_id": "b" * 32,
                         "at": "2030-01-03T00:00:00.100Z"}],
              "planning": [{"event_type": "planning.plan_committed", "trace_id": "c" * 32,
                            "at": "2030-01-06T00:05:00Z"}]}
    journey = assemble_journey(ORDER, STAGES, {}, (), traces)
    by_name = {s.stage: s.trace_id for s in journey.stages}
    assert by_name["order received"] == "a" * 32
    assert by_name["contract and payment"] == "b" * 32
    assert by_name["production"] is None, "five minutes off: not that stage's act"
    assert by_name["purchasing"] is None, "procurement published nothing"
