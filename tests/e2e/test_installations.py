"""Installation and commissioning through the gateway on the real broker (AFS-3): the
contract says so, sales confirms the customer's project ready, after-sales schedules the
installation against it, does it and records the customer's sign-off; the order's
journey shows each step."""

from __future__ import annotations

from datetime import date, timedelta

from simulate import Journey, OrderPlan
from suite_harness import bearer


def contracted_order(gateway) -> str:
    journey = Journey(gateway, OrderPlan(company="P1", customer="CUST-001", product="KYN28-12",
                                         quantity=1, reject_first_lot=False,
                                         service_request=False))
    journey.intake()
    journey.review()
    journey.contract_and_pay_deposit(None)
    return journey.order_no


def journey_stages(gateway, order_no: str) -> dict[str, dict]:
    view = gateway.call("sales.p1", "GET", f"/orders/{order_no}/journey", "journey")
    return {s["stage"]: s for s in view["stages"]}


def test_an_installation_is_scheduled_on_the_ready_site_done_and_signed_off(gateway, api):
    order_no = contracted_order(gateway)
    ready_on = (date.today() + timedelta(days=30)).isoformat()
    # site readiness without installation in the contract is refused
    early = api.post(f"/sales/orders/{order_no}/installation/site-ready",
                     headers=bearer(gateway, "sales.p1"), json={"ready_on": ready_on})
    assert early.status_code == 409
    terms = gateway.call("sales.p1", "POST", f"/sales/orders/{order_no}/installation",
                         "installation", json={"site": "Substation 3, Wuxi project"})
    assert terms["site"] == "Substation 3, Wuxi project" and terms["ready_on"] is None
    assert journey_stages(gateway, order_no)["customer project readiness"]["state"] == "waiting"
    ready = gateway.call("sales.p1", "POST", f"/sales/orders/{order_no}/installation/site-ready",
                         "site-ready", json={"ready_on": ready_on, "note": "civil works done"})
    assert ready["ready_on"] == ready_on and ready["readiness_by"] == "sales.p1"

    def scheduled():
        found = gateway.call("service.p1", "GET", "/aftersales/installations", "installations",
                             params={"order_no": order_no})
        return found[0] if found else None

    installation = gateway.poll(scheduled, "the installation scheduled")
    assert installation["scheduled_on"] == ready_on and installation["status"] == "scheduled"
    assert installation["site"] == "Substation 3, Wuxi project"
    path = f"/aftersales/installations/{installation['installation_no']}"
    # the customer does not sign off what is not done yet
    assert api.post(f"{path}/sign-off", headers=bearer(gateway, "service.p1"),
                    json={"signed_by": "Mr. Zhao"}).status_code == 409
    # a sales clerk does not record the installation as done
    assert api.post(f"{path}/done", headers=bearer(gateway, "sales.p1"),
                    json={"report": "ok"}).status_code == 403
    done = gateway.call("service.p1", "POST", f"{path}/done", "done",
                        json={"report": "installed, commissioned, 12 kV test passed"})
    assert done["status"] == "done" and done["done_by"] == "service.p1"
    signed = gateway.call("service.p1", "POST", f"{path}/sign-off", "sign-off",
                          json={"signed_by": "Mr. Zhao, site manager"})
    assert signed["status"] == "signed_off"
    assert signed["signed_off_by"] == "Mr. Zhao, site manager" and signed["signed_off_at"]

    stages = journey_stages(gateway, order_no)
    assert stages["customer project readiness"]["state"] == "done"
    assert stages["installation and commissioning"]["state"] == "done"
    assert "Mr. Zhao" in stages["customer sign-off"]["summary"]
