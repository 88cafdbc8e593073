"""HTTP route of the attendance export: a streamed CSV or XLSX download."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from studio_kit.auth import AdminUser
from studio_kit.db import SessionDep, database_of
from studio_kit.sheets import MEDIA_TYPES, SheetFormat, attachment, export_range, sheet_chunks

from ..database import audit
from ..lessons.dependencies import SettingsDep
from . import service as export_service
from .schemas import DeliveredMonth

router = APIRouter(prefix="/exports", tags=["exports"])
reports_router = APIRouter(prefix="/reports", tags=["exports"])


@router.get("/attendance")
async def attendance_sheet(
    request: Request,
    settings: SettingsDep,
    session: SessionDep,
    user: AdminUser,
    start: Annotated[date, Query(alias="from")],
    end: Annotated[date, Query(alias="to")],
    format: SheetFormat = "csv",
) -> StreamingResponse:
    """Every seat of the lessons in [from, to] (studio days) with its attendance, as CSV or XLSX."""
    timezone = str(settings.lessons_studio_timezone)
    lower, upper = export_range(start, end, timezone)
    # The rows are read by the response body itself, in its own snapshot, as they are sent.
    rows = export_service.attendance_rows(database_of(request), lower, upper, timezone, settings.lessons_currency)
    # A download is a staff action: "exported <kind> for <from>..<to> as <format>" (ADR 0120).
    summary = {"export": "attendance", "from": start.isoformat(), "to": end.isoformat(), "format": format}
    await audit.record(session, user, "export.downloaded", ("export", "attendance"), summary)
    return StreamingResponse(
        sheet_chunks(rows, format, f"attendance {start}..{end}"),
        media_type=MEDIA_TYPES[format],
        headers=attachment(f"attendance-{start}-{end}.{format}"),
    )


@reports_router.get("/delivered-by-month", response_model=list[DeliveredMonth])
async def delivered_by_month(
    session: SessionDep, settings: SettingsDep, _: AdminUser, months: Annotated[int, Query(ge=1, le=36)] = 6
) -> list[dict[str, Any]]:
    """The price of the lessons delivered per studio month, oldest first, this month last."""
    return await export_service.delivered_by_month(
        session, months, str(settings.lessons_studio_timezone), settings.lessons_currency
    )
