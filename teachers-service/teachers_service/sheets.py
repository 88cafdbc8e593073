"""Spreadsheet downloads: rows streamed out as CSV, or written row by row into an XLSX
(openpyxl's write-only mode keeps no cell objects in memory)."""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from openpyxl import Workbook

SheetFormat = Literal["csv", "xlsx"]
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHUNK = 64 * 1024


def csv_chunks(rows: Iterable[list[Any]]) -> Iterator[bytes]:
    """UTF-8 CSV with a byte-order mark, so spreadsheet programs read Cyrillic names right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff".encode()
    for row in rows:
        writer.writerow(row)
        if buffer.tell() >= CHUNK:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def xlsx_chunks(rows: Iterable[list[Any]], title: str) -> Iterator[bytes]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    while chunk := output.read(CHUNK):
        yield chunk


def sheet_chunks(rows: Iterable[list[Any]], sheet_format: SheetFormat, title: str) -> Iterator[bytes]:
    return csv_chunks(rows) if sheet_format == "csv" else xlsx_chunks(rows, title)


def attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}
