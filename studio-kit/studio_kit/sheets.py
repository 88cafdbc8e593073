"""Streamed spreadsheet downloads for exports of any size.

Rows arrive as an async iterator (a server-side cursor), leave as CSV chunks as soon as a chunk
fills, or go row by row into an openpyxl write-only workbook, which keeps each row only until it
is written to its temporary file; the finished XLSX is spooled to disk and read back in chunks.
Neither path ever holds the whole range in memory.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import AsyncIterable, AsyncIterator
from datetime import date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

import anyio
from openpyxl import Workbook

from .errors import BadRequest

SheetFormat = Literal["csv", "xlsx"]
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHUNK = 64 * 1024
# Spreadsheet programs run a cell starting with these as a formula (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is quoted; numbers and dates stay typed."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


async def csv_chunks(rows: AsyncIterable[list[Any]]) -> AsyncIterator[bytes]:
    """UTF-8 CSV with a byte-order mark, so spreadsheet programs read Cyrillic names right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff".encode()
    async for row in rows:
        writer.writerow([safe_cell(value) for value in row])
        if buffer.tell() >= CHUNK:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


async def xlsx_chunks(rows: AsyncIterable[list[Any]], title: str) -> AsyncIterator[bytes]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    async for row in rows:
        sheet.append([safe_cell(value) for value in row])
    with tempfile.TemporaryFile() as output:
        # Zipping a large sheet takes a while: off the event loop.
        await anyio.to_thread.run_sync(workbook.save, output)
        output.seek(0)
        while chunk := output.read(CHUNK):
            yield chunk


def sheet_chunks(rows: AsyncIterable[list[Any]], sheet_format: SheetFormat, title: str) -> AsyncIterator[bytes]:
    return csv_chunks(rows) if sheet_format == "csv" else xlsx_chunks(rows, title)


def attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


EXPORT_MAX_RANGE_DAYS = 3 * 366
# Dates far outside any studio's records (year 1, year 9999) overflow once shifted by the zone while
# the sheet is already streaming: they are refused up front (the schemathesis sweep found it).
EXPORT_EARLIEST = date(1900, 1, 1)
EXPORT_LATEST = date(2999, 12, 31)


class ExportRangeInvalid(BadRequest):
    code = "export_range_invalid"
    title = "The export range must end on or after its start and span at most three years"


def export_range(start: date, end: date, timezone: str) -> tuple[datetime, datetime]:
    """[start, end] as whole studio days: the instants from start's midnight in `timezone` to the
    midnight after end; 400 `export_range_invalid` for a reversed, too long or out-of-era range."""
    too_long = (end - start).days > EXPORT_MAX_RANGE_DAYS
    if end < start or too_long or start < EXPORT_EARLIEST or end > EXPORT_LATEST:
        raise ExportRangeInvalid()
    zone = ZoneInfo(timezone)
    return datetime.combine(start, time(), zone), datetime.combine(end + timedelta(days=1), time(), zone)
