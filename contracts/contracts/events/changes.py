"""Events of a customer change notice's saga (SAL-8): sales issues the change, each
downstream department applies its part or refuses with a reason, and a refusal rolls
every applied part back (compensation)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field

from contracts.envelope import Payload


class LineRevision(Payload):
    """One order line as the change makes it (the new revision's values)."""

    line_no: int = Field(ge=1)
    product_code: str
    quantity: Decimal = Field(gt=0)
    quantity_before: Decimal = Field(gt=0)
    spec: str = ""
    requested_date: date
    confirmed_date: date | None = None


class ChangeIssued(Payload):
    """A classified change notice goes to production and the departments downstream."""

    change_no: str
    order_no: str
    revision: int = Field(ge=2, description="the order-line revision the change makes")
    severity: int = Field(ge=1, le=3)
    lines: list[LineRevision]
    technical_requirement: str = ""
    quality_requirement: str = ""
    delivery_place: str = ""


class MaterialChange(Payload):
    """A material request planning re-sized for the change (PLN-4: planning agrees it)."""

    request_no: str
    material_code: str
    quantity_before: Decimal = Field(ge=0)
    quantity_after: Decimal = Field(ge=0)


class ChangeAnswered(Payload):
    """A department applied its part of a change, or refused it with the reason."""

    change_no: str
    order_no: str
    department: str
    applied: bool
    reason: str = ""
    material_changes: list[MaterialChange] = Field(
        default_factory=list, description="planning's: the material requests it re-sized")


class ChangeRolledBack(Payload):
    """A department refused: every part applied is compensated, the order keeps its
    previous revision."""

    change_no: str
    order_no: str
    refused_by: str
    reason: str
