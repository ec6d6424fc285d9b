"""Excel in and out: every list as an .xlsx, and customer orders read from one (issue 15).

Writing: the rows a list route answers, one column per field, headed in the user's
language (gateway.i18n ``field.*``), times in the company's zone, money and
quantities as numbers. Reading: the order import's sheet, one order line a row.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook, load_workbook
from pydantic import BaseModel

from gateway.core.workbooks import excel_text
from gateway.i18n import label

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 1000


def _cell(value: Any, zone: ZoneInfo) -> Any:
    """A value as Excel shows it: numbers stay numbers, times become local, lists text."""
    if isinstance(value, datetime):
        return value.astimezone(zone).replace(tzinfo=None)
    if isinstance(value, str):
        return excel_text(value)
    if isinstance(value, (Decimal, int, float, date)) or value is None:
        return value
    if isinstance(value, bool):
        return value
    if hasattr(value, "value"):  # an enum
        return value.value
    if isinstance(value, list):
        return excel_text("; ".join(_summary(item) for item in value))
    if isinstance(value, BaseModel):
        return excel_text(_summary(value))
    return excel_text(str(value))


def _summary(item: Any) -> str:
    if isinstance(item, BaseModel):
        data = item.model_dump(mode="json")
        if "product_code" in data and "quantity" in data:
            return f"{data['product_code']} × {data['quantity']}"
        return ", ".join(f"{k}={v}" for k, v in data.items() if v not in (None, "", []))
    return str(getattr(item, "value", item))


def workbook_of(rows: list[BaseModel], model: type[BaseModel], title: str, language: str,
                zone: str) -> bytes:
    """The rows as a one-sheet workbook; headers in the user's language."""
    tz = ZoneInfo(zone)
    names = list(model.model_fields)
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([label(language, f"field.{name}") for name in names])
    for row in rows:
        sheet.append([_cell(getattr(row, name), tz) for name in names])
    for column, name in zip(sheet.columns, names, strict=False):
        for cell in column[1:]:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
        sheet.column_dimensions[column[0].column_letter].width = max(10, len(name) + 4)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- the order import (SAL-1) ---------------------------------------------------------------

# the import sheet's columns, in order; headed in either language (or by these keys)
IMPORT_COLUMNS = ("order_ref", "company_id", "customer_code", "product_code", "spec",
                  "quantity", "requested_date", "delivery_address")
REQUIRED = ("company_id", "customer_code", "product_code", "quantity", "requested_date")


class SheetUnreadable(ValueError):
    """Not an .xlsx we can read, or without the columns the import needs."""


def template(language: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = label(language, "import.sheet")[:31]
    sheet.append([label(language, f"import.{name}") for name in IMPORT_COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _column_of(header: Any) -> str | None:
    text = str(header or "").strip()
    for name in IMPORT_COLUMNS:
        if text in (name, label("zh-CN", f"import.{name}"), label("en", f"import.{name}")):
            return name
    return None


def read_import(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(row number, {column: text}) of each non-empty row under the header row."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not .xlsx
        raise SheetUnreadable(f"not an .xlsx workbook ({type(exc).__name__})") from None
    rows = book.worksheets[0].iter_rows(values_only=True)
    header = next(rows, None) or ()
    columns = [_column_of(cell) for cell in header]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise SheetUnreadable("the first row must name the columns; missing: "
                              + ", ".join(label("zh-CN", f"import.{m}") + f" ({m})"
                                          for m in missing))
    found = []
    for number, values in enumerate(rows, start=2):
        if number - 1 > MAX_IMPORT_ROWS:
            raise SheetUnreadable(f"more than {MAX_IMPORT_ROWS} rows")
        cells = {column: _text(value) for column, value in zip(columns, values, strict=False)
                 if column is not None}
        if any("\x00" in text for text in cells.values()):
            raise SheetUnreadable(f"row {number} contains a NUL character")
        if any(cells.values()):
            found.append((number, cells))
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        try:
            return format(Decimal(str(value)).normalize(), "f")
        except InvalidOperation:
            return str(value)
    return str(value).strip()
