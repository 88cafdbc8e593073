from __future__ import annotations

import csv
import io
import uuid

import httpx
from fastapi import FastAPI
from openpyxl import load_workbook
from sqlalchemy import text

from studio_kit.testing import JWTSigner

YEAR = {"from": "2019-01-01", "to": "2019-12-31"}
LESSONS = 6000  # a year of a busy studio: two seats each


async def seed_year(app: FastAPI) -> None:
    """Lessons every ~1.5 hours through 2019 (and one either side of it), two seats each; every
    third lesson completed with one student present and one excused."""
    async with app.state.database.engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO lesson (id, kind, status, teacher_id, group_id, starts_at, ends_at, price_minor, currency,"
                " booked_by, late_cancel, created_at, updated_at)"
                " SELECT gen_random_uuid(), 'group', CASE WHEN n % 3 = 0 THEN 'completed' ELSE 'scheduled' END,"
                " gen_random_uuid(), gen_random_uuid(), t, t + interval '1 hour', 100000 + (n % 5) * 10000,"
                " 'RUB', 'test', false, t, t"
                " FROM (SELECT n, timestamptz '2019-01-01 00:30+03' + n * interval '87 minutes' AS t"
                " FROM generate_series(0, :lessons - 1) AS n) AS s"
            ),
            {"lessons": LESSONS},
        )
        await connection.execute(
            text(
                "INSERT INTO lesson (id, kind, status, teacher_id, starts_at, ends_at, price_minor, currency,"
                " booked_by, late_cancel) VALUES"
                " (gen_random_uuid(), 'individual', 'completed', gen_random_uuid(), timestamptz '2018-12-31 23:30+03',"
                " timestamptz '2019-01-01 00:30+03', 999, 'RUB', 'test', false),"
                " (gen_random_uuid(), 'individual', 'completed', gen_random_uuid(), timestamptz '2020-01-01 00:00+03',"
                " timestamptz '2020-01-01 01:00+03', 999, 'RUB', 'test', false)"
            )
        )
        await connection.execute(
            text(
                "INSERT INTO lesson_student (lesson_id, student_id, price_minor, attendance)"
                " SELECT l.id, gen_random_uuid(), l.price_minor,"
                " CASE WHEN l.status = 'completed' THEN seat.mark END"
                " FROM lesson l CROSS JOIN (VALUES ('present'), ('excused')) AS seat(mark)"
            )
        )


async def expected(app: FastAPI) -> tuple[int, int]:
    async with app.state.database.engine.connect() as connection:
        row = (
            await connection.execute(
                text(
                    "SELECT count(*), coalesce(sum(s.price_minor) FILTER (WHERE l.status = 'completed'), 0)"
                    " FROM lesson_student s JOIN lesson l ON l.id = s.lesson_id"
                    " WHERE l.starts_at >= timestamptz '2019-01-01 00:00+03'"
                    " AND l.starts_at < timestamptz '2020-01-01 00:00+03'"
                )
            )
        ).one()
    return int(row[0]), int(row[1])


async def download(client: httpx.AsyncClient, admin: dict[str, str], sheet_format: str) -> bytes:
    response = await client.get("/exports/attendance", params={**YEAR, "format": sheet_format}, headers=admin)
    assert response.status_code == 200, response.text
    assert (
        response.headers["content-disposition"]
        == f'attachment; filename="attendance-2019-01-01-2019-12-31.{sheet_format}"'
    )
    return response.content


class TestAttendanceExport:
    async def test_a_year_streams_every_seat_and_the_delivered_total(
        self, app: FastAPI, client: httpx.AsyncClient, admin: dict[str, str]
    ) -> None:
        await seed_year(app)
        rows = list(csv.DictReader(io.StringIO((await download(client, admin, "csv")).decode("utf-8-sig"))))
        seats, delivered = await expected(app)
        body, footer = rows[:-1], rows[-1]
        assert len(body) == seats == LESSONS * 2
        assert footer["date"] == "total"
        assert int(footer["student_id"]) == seats
        assert int(footer["price_minor"]) == delivered
        assert sum(int(row["price_minor"]) for row in body if row["lesson_status"] == "completed") == delivered
        assert {row["attendance"] for row in body if row["lesson_status"] == "completed"} == {"present", "excused"}
        assert body[0]["date"] == "2019-01-01 00:30"

    async def test_the_xlsx_reads_back_with_the_same_totals(
        self, app: FastAPI, client: httpx.AsyncClient, admin: dict[str, str]
    ) -> None:
        await seed_year(app)
        sheet = load_workbook(io.BytesIO(await download(client, admin, "xlsx")), read_only=True).active
        assert sheet is not None
        rows = list(sheet.iter_rows(values_only=True))
        header, body, footer = rows[0], rows[1:-1], rows[-1]
        seats, delivered = await expected(app)
        price = header.index("price_minor")
        assert len(body) == seats
        assert footer[price] == delivered

    async def test_a_teacher_may_not_export_and_a_reversed_range_is_refused(
        self, client: httpx.AsyncClient, admin: dict[str, str], jwt_signer: JWTSigner
    ) -> None:
        teacher = jwt_signer.headers("teacher", sub=uuid.uuid4())
        response = await client.get("/exports/attendance", params=YEAR, headers=teacher)
        assert response.status_code == 403
        response = await client.get(
            "/exports/attendance", params={"from": "2019-02-01", "to": "2019-01-01"}, headers=admin
        )
        assert response.status_code == 400
        assert response.json()["code"] == "export_range_invalid"


class TestDeliveredByMonth:
    async def test_only_completed_lessons_count_at_every_seats_price(
        self, app: FastAPI, client: httpx.AsyncClient, admin: dict[str, str]
    ) -> None:
        async with app.state.database.engine.begin() as connection:
            for status in ("completed", "completed", "scheduled", "cancelled"):
                await connection.execute(
                    text(
                        "WITH l AS (INSERT INTO lesson (id, kind, status, teacher_id, group_id, starts_at, ends_at,"
                        " price_minor, currency, booked_by, late_cancel) VALUES (gen_random_uuid(), 'group', :status,"
                        " gen_random_uuid(), gen_random_uuid(), now() - interval '1 minute', now(), 150000, 'RUB',"
                        " 'test', false) RETURNING id)"
                        " INSERT INTO lesson_student (lesson_id, student_id, price_minor)"
                        " SELECT l.id, gen_random_uuid(), 150000 FROM l, generate_series(1, 2)"
                    ),
                    {"status": status},
                )
        response = await client.get("/reports/delivered-by-month", params={"months": 2}, headers=admin)
        assert response.status_code == 200, response.text
        months = response.json()
        assert [m["delivered_minor"] for m in months] == [0, 600_000]
        assert months[-1]["lessons"] == 2
