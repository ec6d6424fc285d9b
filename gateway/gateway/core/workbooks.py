"""Master data in and out of Excel workbooks (openpyxl), the way a factory keeps its
tables (issue 17).

A sheet's first row names the columns; every other non-empty row is one record. Rows
are validated with the record's contract model; a workbook with any bad row is refused
with every bad row's number (as Excel shows it) and reason, and nothing is sent on.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from pydantic import BaseModel, ValidationError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_WORKBOOK_BYTES = 5 * 1024 * 1024


class BadWorkbook(ValueError):
    """The workbook cannot be read, or some of its rows are wrong (`problems`)."""

    def __init__(self, message: str, problems: list[dict] | None = None):
        super().__init__(message)
        self.problems = problems or []


def _cell(value):
    """A cell as the contract models read it: text for numbers (decimal strings), ISO dates."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() \
            else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value).strip()
    return text if text != "" else None


def read_records(content: bytes, model: type[BaseModel], *, max_rows: int) -> list[BaseModel]:
    """The records of the first sheet, every one valid, or BadWorkbook naming every bad row."""
    if len(content) > MAX_WORKBOOK_BYTES:
        raise BadWorkbook(f"the workbook is larger than {MAX_WORKBOOK_BYTES // 1024} KiB")
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise BadWorkbook(f"not an Excel workbook (.xlsx): {type(exc).__name__}") from None
    rows = sheet.iter_rows(values_only=True)
    header = [(_cell(name) or "") for name in next(rows, ())]
    fields = set(model.model_fields)
    unknown = [name for name in header if name and name not in fields]
    if unknown:
        raise BadWorkbook(f"unknown columns {unknown}; the columns are {sorted(fields)}")
    records, problems = [], []
    for number, row in enumerate(rows, start=2):  # Excel's row numbers: the header is 1
        values = {name: _cell(value) for name, value in zip(header, row, strict=False)
                  if name and _cell(value) is not None}
        if not values:
            continue
        if len(records) + len(problems) >= max_rows:
            raise BadWorkbook(f"more than {max_rows} rows: split the workbook")
        try:
            records.append(model.model_validate(values))
        except ValidationError as exc:
            problems.append({"row": number, "errors": [
                f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}"
                for error in exc.errors()]})
    if problems:
        rows_named = ", ".join(str(problem["row"]) for problem in problems)
        raise BadWorkbook(f"rows {rows_named} are wrong; nothing was imported", problems)
    if not records:
        raise BadWorkbook("the workbook has no rows under its header")
    return records


def write_records(columns: Sequence[str], records: Iterable[dict], title: str) -> bytes:
    """A workbook of one sheet: a header row of `columns`, then one row per record."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(list(columns))
    for record in records:
        sheet.append([_excel_value(record.get(column)) for column in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _excel_value(value):
    if isinstance(value, Decimal):
        return str(value)  # money keeps its exact digits, never a float
    return excel_text(value) if isinstance(value, str) else value


def excel_text(text: str) -> str:
    """Text a cell can hold: the control characters a worksheet cannot (openpyxl refuses
    them, which would fail the whole export) shown as U+FFFD."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
