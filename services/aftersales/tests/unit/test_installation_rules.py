"""AFS-3 installations, pure: scheduled, then done, then signed off by the customer."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from aftersales.domain.errors import InstallationRefused
from aftersales.domain.installations import DONE, SIGNED_OFF, Installation

AT = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def installation() -> Installation:
    return Installation(installation_no="INST-1", order_no="SO-1", company_id="P1",
                        customer_code="CUST-001", site="Wuxi", scheduled_on=date(2026, 12, 20),
                        scheduled_at=AT)


def test_a_customer_signs_off_only_a_done_installation_and_once():
    i = installation()
    with pytest.raises(InstallationRefused):
        i.sign_off("Mr. Zhao", at=AT, by="service.p1")
    i.complete("commissioned", at=AT, by="service.p1")
    assert (i.status, i.done_by) == (DONE, "service.p1")
    i.sign_off("Mr. Zhao", at=AT, by="service.p1")
    assert (i.status, i.signed_off_by, i.signed_off_at) == (SIGNED_OFF, "Mr. Zhao", AT)
    with pytest.raises(InstallationRefused):
        i.sign_off("Mr. Zhao", at=AT, by="service.p1")


def test_an_installation_is_done_once():
    i = installation()
    i.complete("commissioned", at=AT, by="service.p1")
    with pytest.raises(InstallationRefused):
        i.complete("again", at=AT, by="service.p1")
