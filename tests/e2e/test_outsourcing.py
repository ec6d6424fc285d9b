"""Outsourcing (外协, PLN-10) through the gateway with the suite's real processes: P1's GM
outsources the test of a work order to an external test lab because the test bay is
saturated; the goods cannot go out before the group general manager approves (409, a clear
error; P1's own GM may not approve, 403); after the approval procurement sends them, the
approval is on the order's journey, capable-to-promise names the lab's return as the
binding constraint, and the return, passed by quality, completes the operation — the
routing's last step, so the work order, and production goes on to final inspection.
"""

from __future__ import annotations

from datetime import date, timedelta

from simulate import Journey, OrderPlan

PARTNER = "OSP-SZHV"  # Suzhou High-Voltage Test Lab: stands in for P1-TEST
# agreed with the lab: later than the plant could test it, so the lab's return binds
RETURN_DATE = (date.today() + timedelta(days=60)).isoformat()


def released_work_order(gateway) -> tuple[Journey, dict]:
    """An order of P1 planned, its materials bought and in store, its work order released."""
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-002", product="GGD-400",
                                         quantity=2, reject_first_lot=False))
    order = journey.intake()
    journey.review()
    journey.contract_and_pay_deposit(order)
    journey.instruct()
    journey.procure_and_inspect()
    plan = gateway.poll(journey._plan, "P1's plan")
    [wo] = plan["work_orders"]
    gateway.call("planner.p1", "POST", f"/planning/work-orders/{wo['work_order_no']}/release",
                 "release")
    return journey, wo


def test_an_outsourced_operation_waits_for_the_group_gm_and_its_return_completes_it(gateway):
    # rule PLN-10, PLN-2, PLN-12, X-3
    journey, wo = released_work_order(gateway)
    partners = gateway.call("planner.p1", "GET", "/planning/outsourcing-partners", "partners")
    assert PARTNER in {p["partner_code"] for p in partners}
    proposed = gateway.call("gm.p1", "POST",
                            f"/planning/work-orders/{wo['work_order_no']}/outsourcing",
                            "propose", json={"step": 30, "partner_code": PARTNER,
                                             "reason": "capacity_saturated",
                                             "reason_note": "the test bay is booked solid",
                                             "unit_price": "420.00",
                                             "agreed_return_date": RETURN_DATE})
    no = proposed["outsourcing_no"]
    assert (proposed["status"], proposed["work_centre"], proposed["amount"]) == (
        "proposed", "P1-TEST", "840.00")
    base = f"/planning/outsourcing-orders/{no}"

    refused = gateway.send("buyer.p1", "POST", f"{base}/dispatch", "dispatch")
    assert refused.status_code == 409
    assert "awaits the group general manager's approval" in refused.json()["error"]["message"]
    not_group = gateway.send("gm.p1", "POST", f"{base}/decision", "decision",
                             json={"approve": True})
    assert not_group.status_code == 403, "only the group GM approves outsourcing"
    awaiting = stage(gateway, journey.order_no, "outsourcing approval")
    assert awaiting["state"] == "waiting"

    approved = gateway.call("group.gm", "POST", f"{base}/decision", "decision",
                            json={"approve": True})
    assert (approved["status"], approved["decided_by"]) == ("approved", "group.gm")
    sent = gateway.call("buyer.p1", "POST", f"{base}/dispatch", "dispatch")
    assert (sent["status"], sent["sent_by"]) == ("sent", "buyer.p1")
    approval = stage(gateway, journey.order_no, "outsourcing approval")
    assert (approval["state"], approval["actor"], approval["refs"]["outsourcing_no"]) == (
        "done", "group.gm", no)
    assert stage(gateway, journey.order_no, "outsourced operation")["state"] == "in_progress"

    # the work order is not finished while its test is at the lab
    early = gateway.send("planner.p1", "POST",
                         f"/planning/work-orders/{wo['work_order_no']}/complete", "complete")
    assert early.status_code == 409 and no in early.json()["error"]["message"]
    # capable-to-promise: the lab's return binds the order (PLN-2)
    answer = gateway.call("planner.p1", "POST", "/planning/feasibility", "feasibility", json={
        "company_id": "P1", "order_no": journey.order_no, "lines": [
            {"product_code": "GGD-400", "quantity": "2", "requested_date": "2099-01-01"}]})
    assert answer["binding_kind"] == "outsourcing"
    assert answer["binding_constraint"].startswith(
        "outsourcing lead time at Suzhou High-Voltage Test Lab")
    assert answer["earliest_date"] == sent["agreed_return_date"] == RETURN_DATE

    gateway.call("buyer.p1", "POST", f"{base}/receipt", "receipt", json={"quantity": "2"})
    not_qc = gateway.send("buyer.p1", "POST", f"{base}/inspection", "inspection",
                          json={"passed": True})
    assert not_qc.status_code == 403
    done = gateway.call("qc.p1", "POST", f"{base}/inspection", "inspection",
                        json={"passed": True})
    assert done["status"] == "completed"
    plan = gateway.call("planner.p1", "GET", f"/planning/plans/{journey.order_no}", "plan")
    assert plan["work_orders"][0]["status"] == "done"
    assert plan["status"] == "produced"
    assert stage(gateway, journey.order_no, "outsourced operation")["state"] == "done"
    listed = gateway.call("buyer.p1", "GET", "/planning/outsourcing-orders", "list",
                          params={"order_no": journey.order_no})
    assert [(o["outsourcing_no"], o["status"]) for o in listed] == [(no, "completed")]
    [limit] = [d for d in gateway.call("sales.p1", "GET", f"/orders/{journey.order_no}/journey",
                                       "journey")["deadlines"] if d["rule_id"] == "PLN-10"]
    assert limit["status"] == "met"
    # the order goes on: final inspection sees the produced order
    journey.final_inspection()
    # another company's planner does not see P1's outsourcing order
    assert gateway.send("planner.p2", "GET", base, "read").status_code == 404


def stage(gateway, order_no: str, name: str) -> dict:
    view = gateway.call("sales.p1", "GET", f"/orders/{order_no}/journey", "journey")
    [found] = [s for s in view["stages"] if s["department"] == "planning"
               and s["stage"] == name]
    return found


def test_the_simulator_drives_an_order_with_an_outsourced_test_to_delivery(gateway):
    # rule PLN-10 (tools/simulate.py --outsource-odds): the whole journey goes on after it
    journey = Journey(gateway, OrderPlan(company="P2", customer="CUST-101", product="SC-500",
                                         quantity=1, reject_first_lot=False,
                                         try_shipping_before_payment=False,
                                         outsource_test=True))
    view = journey.run()
    assert [s["state"] for s in view["stages"] if s["stage"] == "outsourced operation"] == [
        "done"]
