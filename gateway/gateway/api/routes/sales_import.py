"""Customer orders from a spreadsheet (SAL-1): every order in the file, or none of it.

One order line a row (gateway/spreadsheets.py: IMPORT_COLUMNS); rows sharing a
customer order reference are one order. Each bad row is refused with its reason and
then nothing is written: the gateway checks each row's shape, sales checks the
customer master and the price list for all the orders in one transaction.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, Response, UploadFile, status
from pydantic import ValidationError

from contracts.rpc.sales import API, ImportedOrder, OrderCreate, OrderImport, OrderPublic
from gateway.api.deps import ActorDep, CurrentUser, ServicesDep, require_roles
from gateway.api.openapi import file_answer, refusals
from gateway.api.routes.sales import SALES_ROLES
from gateway.core.errors import InvalidInput, PermissionDenied
from gateway.core.users import may_act_for
from gateway.core.workbooks import XLSX
from gateway.i18n import label, language_of
from gateway.spreadsheets import (
    MAX_IMPORT_BYTES,
    SheetUnreadable,
    read_import,
    template,
)

router = APIRouter(prefix="/sales", tags=["sales"], dependencies=[require_roles(*SALES_ROLES)])


def ImportRefused(message: str, refused: list[dict]) -> InvalidInput:  # noqa: N802
    """The file, or rows of it, cannot be imported: 422 with each row's reason, in the
    shape of sales' own refusal of a file (details.refused: [{rows, reason}])."""
    return InvalidInput(message, {"refused": refused})


@router.get("/orders/import-template", response_class=Response,
            responses=file_answer(XLSX, "an empty import sheet"))
async def import_template(lang: Annotated[str | None, Query(max_length=8)] = None) -> Response:
    """An empty order-import sheet with its column headers (zh-CN, or en)."""
    return Response(template(language_of(lang)), media_type=XLSX, headers={
        "Content-Disposition": 'attachment; filename="order-import.xlsx"'})


@router.post("/orders/import", status_code=status.HTTP_201_CREATED,
             response_model=list[OrderPublic], responses=refusals(API["import_orders"]))
async def import_orders(file: Annotated[UploadFile, File(description="an .xlsx order sheet")],
                        user: CurrentUser, actor: ActorDep,
                        services: ServicesDep) -> list[OrderPublic]:
    """Record the customer orders of an .xlsx sheet, all or none (SAL-1)."""
    data = await file.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRefused(f"the file is larger than {MAX_IMPORT_BYTES // 1024} KiB", [])
    try:
        rows = read_import(data)
    except SheetUnreadable as exc:
        raise ImportRefused(str(exc), []) from None
    batch = orders_of(rows)
    for item in batch.orders:
        if not may_act_for(user, item.order.company_id):
            raise PermissionDenied(f"rows {item.rows}: you do not act for company "
                                   f"{item.order.company_id}",
                                   {"company_id": item.order.company_id})
    return await services.sales.import_orders(actor, batch)


def orders_of(rows: list[tuple[int, dict[str, str]]]) -> OrderImport:
    """Group the rows into orders and check each row's shape; any bad row refuses the file."""
    if not rows:
        raise ImportRefused("the sheet has no order rows under its header row", [])
    groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for number, cells in rows:
        groups.setdefault(cells.get("order_ref") or f"row {number}", []).append((number, cells))
    orders, refused = [], []
    for group in groups.values():
        first = group[0][1]
        span = (str(group[0][0]) if len(group) == 1 else f"{group[0][0]}-{group[-1][0]}")
        for number, cells in group[1:]:
            if (cells.get("company_id"), cells.get("customer_code")) != (
                    first.get("company_id"), first.get("customer_code")):
                refused.append({"rows": str(number), "reason": "one order reference, two "
                                "customers: a row of the order names another company or "
                                "customer"})
        try:
            order = OrderCreate.model_validate({
                "company_id": first.get("company_id", ""),
                "customer_code": first.get("customer_code", ""),
                "delivery_address": first.get("delivery_address", ""),
                "lines": [{"product_code": cells.get("product_code", ""),
                           "spec": cells.get("spec", ""), "quantity": cells.get("quantity", ""),
                           "requested_date": cells.get("requested_date", "")}
                          for _, cells in group]})
        except ValidationError as exc:
            refused += [{"rows": _row_of(group, error["loc"]),
                         "reason": f"{_field(error['loc'])}: {error['msg']}"}
                        for error in exc.errors()]
            continue
        orders.append(ImportedOrder(rows=span, order=order))
    if refused:
        raise ImportRefused(f"{len(refused)} bad rows, nothing recorded: " + "; ".join(
            f"row {r['rows']}: {r['reason']}" for r in refused), refused)
    return OrderImport(orders=orders)


def _row_of(group, loc: tuple) -> str:
    if len(loc) >= 2 and loc[0] == "lines" and isinstance(loc[1], int):
        return str(group[loc[1]][0])
    return str(group[0][0])


def _field(loc: tuple) -> str:
    name = str(loc[-1]) if loc else "row"
    return f"{label('zh-CN', f'import.{name}')} ({name})"
