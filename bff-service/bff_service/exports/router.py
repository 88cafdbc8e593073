"""Admin exports (API.md "Money"): a CSV or XLSX download of a date range, streamed end to end."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from ..session.dependencies import AdminCaller
from . import service as export_service

router = APIRouter(prefix="/api/admin/exports", tags=["money"])
SHEET_TYPES = {
    "text/csv": {"schema": {"type": "string"}},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
        "schema": {"type": "string", "format": "binary"}
    },
}
# Headers of the owner's download the browser needs; the rest (lengths, encodings) are the BFF's own.
PASSED_HEADERS = ("content-type", "content-disposition")


@router.get("/{kind}", response_class=StreamingResponse, responses={200: {"content": SHEET_TYPES}})
async def download_export(
    kind: Literal["payments", "ledger", "attendance", "students"],
    caller: AdminCaller,
    start: Annotated[date, Query(alias="from")],
    end: Annotated[date, Query(alias="to")],
    format: Literal["csv", "xlsx"] = "csv",
) -> StreamingResponse:
    """Payments, the ledger, attendance or students for [from, to] as CSV or XLSX, relayed as it streams."""
    params = {"from": start.isoformat(), "to": end.isoformat(), "format": format}
    upstream = await export_service.open_export(caller, kind, params)
    headers = {name: upstream.headers[name] for name in PASSED_HEADERS if name in upstream.headers}
    return StreamingResponse(upstream.aiter_raw(), headers=headers, background=BackgroundTask(upstream.aclose))
