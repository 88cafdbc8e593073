"""HTTP route of the exports: a streamed CSV or XLSX download."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from studio_kit.auth import AdminUser
from studio_kit.db import SessionDep, database_of
from studio_kit.sheets import MEDIA_TYPES, SheetFormat, attachment, export_range, sheet_chunks

from ..config import SettingsDep
from ..database import audit
from . import service as export_service
from .schemas import CashMonth
from .service import ExportKind

router = APIRouter(prefix="/exports", tags=["exports"])
reports_router = APIRouter(prefix="/reports", tags=["exports"])


@router.get("/{kind}")
async def export_sheet(
    kind: ExportKind,
    request: Request,
    settings: SettingsDep,
    session: SessionDep,
    user: AdminUser,
    start: Annotated[date, Query(alias="from")],
    end: Annotated[date, Query(alias="to")],
    format: SheetFormat = "csv",
) -> StreamingResponse:
    """Payments, the ledger or students for [from, to] (studio days), streamed as CSV or XLSX."""
    timezone = settings.students_studio_timezone
    lower, upper = export_range(start, end, timezone)
    # The rows are read by the response body itself, in its own read-only snapshot, as they are sent.
    rows = export_service.export_rows(database_of(request), kind, lower, upper, timezone, settings.students_currency)
    # A download is a staff action: "exported <kind> for <from>..<to> as <format>" (ADR 0120).
    summary = {"export": kind, "from": start.isoformat(), "to": end.isoformat(), "format": format}
    await audit.record(session, user, "export.downloaded", ("export", kind), summary)
    return StreamingResponse(
        sheet_chunks(rows, format, f"{kind} {start}..{end}"),
        media_type=MEDIA_TYPES[format],
        headers=attachment(f"{kind}-{start}-{end}.{format}"),
    )


@reports_router.get("/cash-by-month", response_model=list[CashMonth])
async def cash_by_month(
    session: SessionDep, settings: SettingsDep, _: AdminUser, months: Annotated[int, Query(ge=1, le=36)] = 6
) -> list[dict[str, Any]]:
    """Cash received (payments) and refunded per studio month, oldest first, this month last."""
    return await export_service.cash_by_month(
        session, months, settings.students_studio_timezone, settings.students_currency
    )
