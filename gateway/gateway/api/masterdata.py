"""What every master data router shares (issue 17): search parameters, an .xlsx upload
read into contract records, an .xlsx answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from contracts.rpc.api import Method
from contracts.rpc.masterdata import Offset, Search
from gateway.api.openapi import refusals
from gateway.core.workbooks import (
    MAX_WORKBOOK_BYTES,
    XLSX,
    BadWorkbook,
    read_records,
    write_records,
)

SearchQuery = Annotated[Search | None, Query(description="part of a code or a name")]
OffsetQuery = Annotated[Offset, Query(description="rows of the list to skip")]


async def records_of_workbook(request: Request, model: type[BaseModel],
                              max_rows: int) -> list[BaseModel]:
    """The records of an uploaded .xlsx body (Content-Type: the xlsx type), all valid; else
    BadWorkbook, answered 422 with every bad row (core/errors)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != XLSX:
        raise HTTPException(415, f"send the workbook as the request body with Content-Type "
                                 f"{XLSX}")
    content = await request.body()
    if len(content) > MAX_WORKBOOK_BYTES:
        raise BadWorkbook("the workbook is too large")
    return await run_in_threadpool(read_records, content, model, max_rows=max_rows)


def workbook_upload(method: Method) -> dict:
    """The route's `responses=` and `openapi_extra=` for an .xlsx body read by
    records_of_workbook: `@router.post(path, **workbook_upload(API["import_x"]))`."""
    return {"responses": refusals(method, extra={415: "the body is not sent as an .xlsx "
                                                      "workbook (its Content-Type)"}),
            "openapi_extra": {"requestBody": {"required": True, "content": {
                XLSX: {"schema": {"type": "string", "format": "binary"}}}}}}


def excel_response(columns, rows: list[dict], title: str) -> Response:
    return Response(write_records(columns, rows, title), media_type=XLSX, headers={
        "Content-Disposition": f'attachment; filename="{title}.xlsx"'})
