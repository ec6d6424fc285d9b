"""Quality against the real broker and database: IQC (QLT-1, QLT-4) and final inspection
(QLT-2), driven by the events procurement and planning publish."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from nameko.standalone.rpc import ServiceRpcProxy

from contracts.events.planning import ProductionCompleted
from contracts.events.procurement import GoodsReceived
from quality.service import QualityService
from servicekit.testing import (
    deliver,
    event_envelope,
    publish_envelope,
    signed_actor,
    start_service,
    take_message,
)

QC_P1 = signed_actor({"username": "qc.p1", "roles": ["quality"], "companies": ["P1"]})
QC_P2 = signed_actor({"username": "qc.p2", "roles": ["quality"], "companies": ["P2"]})
GROUP_GM = signed_actor({"username": "gm", "roles": ["group_general_manager"],
                         "companies": None})
ORDER = "SO-P1-000001"


def goods_received(lot_no, quantity="100", note="100", company="P1", order_no=ORDER):
    payload = GoodsReceived(lot_no=lot_no, po_no="PO-P1-000001", order_no=order_no,
                            material_code="CU-BAR-10x100", supplier_code="SUP-CU-01",
                            quantity=Decimal(quantity), delivery_note_quantity=Decimal(note))
    return event_envelope("procurement.goods_received", payload, company_id=company)


def production_completed(order_no=ORDER, company="P1"):
    payload = ProductionCompleted(order_no=order_no, plan_no="PL-P1-000001",
                                  completed_at=datetime.now(UTC),
                                  lines=[{"product_code": "KYN28-12", "quantity": "2"}])
    return event_envelope("planning.production_completed", payload, company_id=company)


@pytest.fixture
def quality(container_factory, make_config):
    return start_service(container_factory, QualityService, make_config("quality"))


def rpc(container):
    return ServiceRpcProxy("quality", container.config)


def test_incoming_inspection_rejects_accepts_and_refuses_a_second_verdict(quality, db_backend):
    uri = quality.config["AMQP_URI"]
    deliver(quality, "on_goods_received", goods_received("LOT-1"))
    deliver(quality, "on_goods_received", goods_received("LOT-2"))

    with rpc(quality) as proxy:
        pending = proxy.list_lots(QC_P1, "pending")
        assert [lot["lot_no"] for lot in pending] == ["LOT-1", "LOT-2"]

        # rule QLT-1: 10 defects of 100 = 90% < 95% -> rejected, with the reason in words
        rejected = proxy.inspect_lot(QC_P1, "LOT-1", {"sample_size": 100, "defects": 10})
        assert rejected["status"] == "rejected"
        assert rejected["pass_rate"] == "0.9000"
        assert rejected["inspected_by"] == "qc.p1"
        event = take_message(uri, "procurement.quality.lot_rejected")
        assert event["event_type"] == "quality.lot_rejected"
        assert event["payload"]["lot_no"] == "LOT-1"
        assert "pass rate 90.00% is below the required 95%" in event["payload"]["reasons"][0]

        accepted = proxy.inspect_lot(QC_P1, "LOT-2", {"sample_size": 100, "defects": 2})
        assert accepted["status"] == "accepted" and accepted["pass_rate"] == "0.9800"
        event = take_message(uri, "procurement.quality.lot_accepted")
        assert event["payload"]["lot_no"] == "LOT-2"

        with pytest.raises(Exception) as info:
            proxy.inspect_lot(QC_P1, "LOT-1", {"sample_size": 100, "defects": 0})
        assert info.value.exc_type == "Conflict"

        # QLT-4: the rejection is on record, visible from the order's journey
        stages = proxy.journey(QC_P1, ORDER)
        assert [(s["refs"]["lot_no"], s["state"]) for s in stages] == [
            ("LOT-1", "refused"), ("LOT-2", "done")]
        assert stages[0]["refs"]["ncr_no"] == "NCR-P1-000001"
        assert "pass rate 90.00%" in stages[0]["summary"]

        # QLT-5: one of two lots of the supplier accepted
        assert proxy.supplier_lot_pass_rates(QC_P1) == [{
            "supplier_code": "SUP-CU-01", "lots_inspected": 2, "accepted": 1, "rejected": 1,
            "lot_pass_rate": "0.5000"}]


def test_a_quantity_differing_from_the_delivery_note_rejects_a_perfect_lot(quality):
    deliver(quality, "on_goods_received", goods_received("LOT-3", quantity="98", note="100"))
    with rpc(quality) as proxy:
        lot = proxy.inspect_lot(QC_P1, "LOT-3", {"sample_size": 20, "defects": 0})
    assert lot["status"] == "rejected"
    assert lot["serious_defects"] == ["quantity_mismatch"]
    event = take_message(quality.config["AMQP_URI"], "procurement.quality.lot_rejected")
    assert event["payload"]["serious_defects"] == ["quantity_mismatch"]


def test_a_redelivered_goods_received_records_the_lot_once(quality):
    envelope = goods_received("LOT-4")
    deliver(quality, "on_goods_received", envelope)
    publish_envelope(quality.config["AMQP_URI"], envelope)
    deliver(quality, "on_goods_received", goods_received("LOT-4"))  # same lot, new event id
    with rpc(quality) as proxy:
        assert [lot["lot_no"] for lot in proxy.list_lots(QC_P1)] == ["LOT-4"]


def test_final_inspection_waits_for_production_and_passes_to_logistics(quality, db_backend):
    uri = quality.config["AMQP_URI"]
    with rpc(quality) as proxy:
        with pytest.raises(Exception) as info:  # rule QLT-2: production not completed
            proxy.record_final_inspection(QC_P1, ORDER, {"passed": True})
        assert info.value.exc_type == "Conflict"

        deliver(quality, "on_production_completed", production_completed())
        [pending] = proxy.list_final_inspections(QC_P1, "pending")
        assert pending["inspection_no"] == "FI-P1-000001"

        passed = proxy.record_final_inspection(QC_P1, ORDER, {"passed": True})
        assert passed["status"] == "passed" and passed["inspected_by"] == "qc.p1"
        event = take_message(uri, "logistics.quality.final_inspection_passed")
        assert event["payload"]["inspection_no"] == "FI-P1-000001"
        assert event["payload"]["lines"] == [{"product_code": "KYN28-12", "quantity": "2"}]

        with pytest.raises(Exception) as info:
            proxy.record_final_inspection(QC_P1, ORDER, {"passed": True})
        assert info.value.exc_type == "Conflict"


def test_a_failed_final_inspection_goes_to_planning_and_reopens_after_rework(quality):
    uri = quality.config["AMQP_URI"]
    deliver(quality, "on_production_completed", production_completed())
    with rpc(quality) as proxy:
        failed = proxy.record_final_inspection(QC_P1, ORDER, {"passed": False,
                                                              "findings": "loose busbar bolts"})
        assert failed["status"] == "failed"
        event = take_message(uri, "planning.quality.final_inspection_failed")
        assert event["payload"]["findings"] == "loose busbar bolts"

        deliver(quality, "on_production_completed", production_completed())  # after rework
        passed = proxy.record_final_inspection(QC_P1, ORDER, {"passed": True})
        assert passed["inspection_no"] == "FI-P1-000002"
        stages = proxy.journey(QC_P1, ORDER)
        assert [(s["refs"]["inspection_no"], s["state"]) for s in stages] == [
            ("FI-P1-000001", "refused"), ("FI-P1-000002", "done")]
        assert stages[0]["refs"]["ncr_no"] == "NCR-P1-000001"


def test_another_companys_lots_and_inspections_are_not_found(quality):
    deliver(quality, "on_goods_received", goods_received("LOT-5"))
    deliver(quality, "on_production_completed", production_completed())
    with rpc(quality) as proxy:
        with pytest.raises(Exception) as info:
            proxy.inspect_lot(QC_P2, "LOT-5", {"sample_size": 10, "defects": 0})
        assert info.value.exc_type == "NotFound"
        with pytest.raises(Exception) as info:
            proxy.record_final_inspection(QC_P2, ORDER, {"passed": True})
        assert info.value.exc_type == "NotFound"
        assert proxy.list_lots(QC_P2) == []
        assert proxy.list_final_inspections(QC_P2) == []
        assert proxy.journey(QC_P2, ORDER) == []
        assert len(proxy.list_lots(GROUP_GM)) == 1


def test_bad_payloads_are_invalid_requests(quality):
    deliver(quality, "on_goods_received", goods_received("LOT-6"))
    with rpc(quality) as proxy:
        with pytest.raises(Exception) as info:
            proxy.inspect_lot(QC_P1, "LOT-6", {"sample_size": 10, "defects": 11})
        assert info.value.exc_type == "InvalidRequest"
        with pytest.raises(Exception) as info:
            proxy.list_lots(QC_P1, "bogus")
        assert info.value.exc_type == "InvalidRequest"
        with pytest.raises(Exception) as info:  # every list is bounded
            proxy.list_lots(QC_P1, None, 10_000)
        assert info.value.exc_type == "InvalidRequest"


def test_an_unsigned_actor_is_forbidden(quality):
    """Issue 8.9: only the gateway's signed actors are believed."""
    with rpc(quality) as proxy:
        with pytest.raises(Exception) as info:
            proxy.list_lots({"username": "qc.p1", "roles": ["quality"], "companies": ["P1"]})
        assert info.value.exc_type == "Forbidden"
