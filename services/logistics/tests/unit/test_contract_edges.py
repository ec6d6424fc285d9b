"""Absurd input stops at the edge with a clear 422 (issue 8.3, 8.8): logistics' contract.

Each argument is validated as servicekit.rpcs validates it for the service (an
InvalidRequest with pydantic's field paths, a 422 at the gateway, which validates the
same models).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from contracts.errors import InvalidRequest
from contracts.rpc.logistics import API
from servicekit.rpcs import parse_argument

SOON = datetime.now(UTC) + timedelta(days=2)


def argument(method: str, name: str, value):
    [param] = [p for p in API[method].params if p.name == name]
    return parse_argument(name, param.type, value)


def refused(method: str, name: str, value) -> list[dict]:
    with pytest.raises(InvalidRequest) as info:
        argument(method, name, value)
    return info.value.details["errors"]


@pytest.mark.parametrize("planned", [
    "9999-12-31T00:00:00+00:00",                              # year 9999
    "1970-01-01T00:00:00+00:00",                              # long ago
    "2100-01-01T00:00:00+00:00",                              # past the century
    SOON.replace(tzinfo=None).isoformat(),                    # no time zone
    "",
])
def test_an_absurd_planned_ship_time_is_refused(planned):
    [error] = refused("prepare_shipment", "shipment", {"planned_ship_at": planned})
    assert error["loc"] == ["planned_ship_at"]


def test_a_plausible_planned_ship_time_passes():
    shipment = argument("prepare_shipment", "shipment", {"planned_ship_at": SOON.isoformat()})
    assert shipment.planned_ship_at == SOON


def test_an_absurd_expected_arrival_is_refused():
    [error] = refused("dispatch_shipment", "dispatch",
                      {"carrier": "OWN-TRUCK", "expected_arrival": "9999-01-01T00:00:00Z"})
    assert error["loc"] == ["expected_arrival"]


@pytest.mark.parametrize(("method", "name", "payload", "field"), [
    ("prepare_shipment", "shipment", {"destination": "Site\x003"}, "destination"),
    ("dispatch_shipment", "dispatch", {"carrier": "OWN\x00TRUCK"}, "carrier"),
    ("dispatch_shipment", "dispatch", {"carrier": "DEBON", "vehicle_no": "\x00"}, "vehicle_no"),
    ("confirm_delivery", "delivery", {"received_by": "Chen\x00", "receipt_no": "R1"},
     "received_by"),
    ("confirm_delivery", "delivery", {"received_by": "Chen", "receipt_no": "R\x001"},
     "receipt_no"),
])
def test_text_with_a_nul_character_is_refused(method, name, payload, field):
    [error] = refused(method, name, payload)
    assert error["loc"] == [field]


def test_text_beyond_its_bound_and_unknown_fields_are_refused():
    assert refused("prepare_shipment", "shipment", {"destination": "x" * 301})
    assert refused("dispatch_shipment", "dispatch", {"carrier": ""})
    assert refused("confirm_delivery", "delivery",
                   {"received_by": "Chen", "receipt_no": "R1", "signed_by": "me"})


@pytest.mark.parametrize(("method", "value"), [("list_shipments", "nope"),
                                               ("list_shipments", "in_stock"),
                                               ("list_finished_goods", "nope"),
                                               ("list_finished_goods", "delivered")])
def test_an_unknown_status_filter_is_refused_not_answered_empty(method, value):
    assert refused(method, "status", value)


@pytest.mark.parametrize("method", ["list_shipments", "list_finished_goods"])
@pytest.mark.parametrize("limit", [0, -1, 1001, 10**9])
def test_every_list_is_bounded(method, limit):
    assert refused(method, "limit", limit)


@pytest.mark.parametrize("number", ["", "x" * 65, "SH-P1\x00"])
def test_a_business_number_is_never_empty_nul_or_unbounded(number):
    assert refused("dispatch_shipment", "shipment_no", number)
    assert refused("list_shipments", "order_no", number)
