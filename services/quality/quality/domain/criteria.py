"""The inspection criteria of an order, as customer changes set them (SAL-8), pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from quality.domain.errors import ChangeRefused
from quality.domain.final import PASSED, FinalInspection


@dataclass
class OrderCriteria:
    order_no: str
    company_id: str
    technical_requirement: str
    quality_requirement: str
    revision: int
    change_no: str
    updated_at: datetime


def check_changeable(order_no: str, finals: list[FinalInspection]) -> None:
    """A change after the goods passed final inspection would inspect nothing."""
    passed = [i for i in finals if i.status == PASSED]
    if passed:
        raise ChangeRefused(f"order {order_no} already passed final inspection "
                            f"{passed[-1].inspection_no}: the new criteria would inspect "
                            f"nothing", {"inspection_no": passed[-1].inspection_no})
