"""Quality's findings (QLT-3) and nonconformance records (QLT-4) against the real broker
and database: the reaction limits breach, a kind-4 finding's leader limit escalates to
the general manager, dispositions reach the departments that carry them out, and a
customer's complaint opens an NCR (AFS-4)."""

from datetime import UTC, datetime

import pytest
from nameko.standalone.rpc import ServiceRpcProxy

from contracts.events.aftersales import QualityComplaintRaised
from quality.service import QualityService
from servicekit.testing import (
    deliver,
    event_envelope,
    signed_actor,
    start_service,
    take_message,
)
from servicekit.testing_deadlines import assert_limit_breaches

QC_P1 = signed_actor({"username": "qc.p1", "roles": ["quality"], "companies": ["P1"]})
LEADER_P1 = signed_actor({"username": "qlead.p1", "roles": ["quality", "department_leader"],
                          "companies": ["P1"]})
ORDER = "SO-P1-000001"


def finding(kind, **extra):
    return {"company_id": "P1", "order_no": ORDER, "kind": kind,
            "description": "busbar joint drilled off-centre", **extra}


@pytest.fixture
def quality(container_factory, make_config):
    return start_service(container_factory, QualityService, make_config("quality"))


def rpc(container):
    return ServiceRpcProxy("quality", container.config)


def test_a_finding_not_reacted_to_in_20_working_minutes_breaches_qlt_3(quality):
    with rpc(quality) as proxy:
        proxy.record_finding(QC_P1, finding("internal_rework"))
    assert_limit_breaches(quality, "QLT-3.react", ORDER)


def test_a_kind_4_finding_the_leader_leaves_unresolved_goes_to_the_general_manager(quality):
    """QLT-3 (4): the leader's own 30 minutes; their breach escalates past them (X-2)."""
    with rpc(quality) as proxy:
        recorded = proxy.record_finding(QC_P1, finding("design_or_undecided"))
        assert recorded["reacts"].startswith("quality leader")
        reacted = proxy.react_to_finding(QC_P1, recorded["finding_no"],
                                         {"action": "reported to the quality leader"})
        assert reacted["status"] == "reacted"
    assert_limit_breaches(quality, "QLT-3.coordinate", ORDER, escalated_to="general_manager")


def test_only_the_leader_resolves_a_kind_4_finding_and_that_meets_the_limit(quality):
    with rpc(quality) as proxy:
        number = proxy.record_finding(QC_P1, finding("design_or_undecided"))["finding_no"]
        proxy.react_to_finding(QC_P1, number, {"action": "reported to the quality leader"})
        with pytest.raises(Exception) as info:
            proxy.resolve_finding(QC_P1, number, {"resolution": "drawing corrected"})
        assert info.value.exc_type == "Forbidden"
        resolved = proxy.resolve_finding(LEADER_P1, number, {"resolution": "drawing corrected"})
        assert (resolved["status"], resolved["resolved_by"]) == ("resolved", "qlead.p1")
        limits = {d["rule_id"] + d["status"] for d in proxy.deadlines_for_order(ORDER)}
    assert limits == {"QLT-3met"}


def test_a_rework_disposition_asks_planning_for_a_rework_work_order(quality):
    uri = quality.config["AMQP_URI"]
    with rpc(quality) as proxy:
        recorded = proxy.record_finding(QC_P1, finding("internal_rework",
                                                       product_code="KYN28-12", quantity="1"))
        ncr = proxy.get_nonconformance(QC_P1, recorded["ncr_no"])
        assert (ncr["disposition"], ncr["status"], ncr["source_no"]) == (
            "undecided", "open", recorded["finding_no"])
        with pytest.raises(Exception) as info:  # PRC-6: only a purchased lot is conceded
            proxy.dispose_nonconformance(QC_P1, ncr["ncr_no"], {
                "disposition": "concession", "owner": "buyer.p1",
                "price_reduction_percent": "10"})
        assert info.value.exc_type == "Conflict"
        disposed = proxy.dispose_nonconformance(QC_P1, ncr["ncr_no"], {
            "disposition": "rework", "owner": "workshop 2 leader"})
        assert (disposed["status"], disposed["owner"]) == ("disposed", "workshop 2 leader")
        event = take_message(uri, "planning.quality.rework_requested")
        assert event["payload"]["ncr_no"] == ncr["ncr_no"]
        assert event["payload"]["product_code"] == "KYN28-12"
        closed = proxy.close_nonconformance(QC_P1, ncr["ncr_no"],
                                            {"evidence": "re-drilled, re-inspected OK"})
        assert closed["status"] == "closed"


def test_a_customer_complaint_opens_an_ncr_and_a_second_one_joins_it(quality):
    uri = quality.config["AMQP_URI"]

    def complaint(request_no):
        return event_envelope("aftersales.quality_complaint_raised", QualityComplaintRaised(
            request_no=request_no, order_no=ORDER, description="breaker trips at no load",
            raised_by="service.p1"), company_id="P1", order_no=ORDER)

    deliver(quality, "on_quality_complaint_raised", complaint("SR-P1-000001"))
    first = take_message(uri, "aftersales.quality.complaint_linked")["payload"]
    deliver(quality, "on_quality_complaint_raised", complaint("SR-P1-000002"))
    second = take_message(uri, "aftersales.quality.complaint_linked")["payload"]
    assert (first["joined"], second["joined"]) == (False, True)
    assert first["ncr_no"] == second["ncr_no"]
    with rpc(quality) as proxy:
        ncr = proxy.get_nonconformance(QC_P1, first["ncr_no"])
        stages = proxy.journey(QC_P1, ORDER)
    assert (ncr["source"], ncr["complaints"]) == ("complaint", ["SR-P1-000001", "SR-P1-000002"])
    assert any(s["refs"].get("ncr_no") == ncr["ncr_no"] for s in stages)


def test_findings_in_the_future_and_reactions_before_them_are_refused(quality):
    with rpc(quality) as proxy:
        with pytest.raises(Exception) as info:
            proxy.record_finding(QC_P1, finding("cross_company",
                                                found_at="2099-01-01T08:00:00+08:00"))
        assert info.value.exc_type == "InvalidRequest"
        number = proxy.record_finding(QC_P1, finding("cross_company"))["finding_no"]
        with pytest.raises(Exception) as info:
            proxy.react_to_finding(QC_P1, number, {"action": "told the leader",
                                                   "reacted_at": datetime(2026, 1, 1, tzinfo=UTC)
                                                   .isoformat()})
        assert info.value.exc_type == "InvalidRequest"
