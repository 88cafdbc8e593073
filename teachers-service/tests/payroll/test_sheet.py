from __future__ import annotations

import asyncio
import csv
import io
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl import load_workbook

if TYPE_CHECKING:
    from conftest import Studio


async def november(studio: Studio) -> tuple[str, str]:
    """Two teachers with three lessons between them in November 2026."""
    maria = await studio.create_teacher(first_name="Мария", last_name="Петрова")
    john = await studio.create_teacher(first_name="John", last_name="Smith")
    await studio.add_rate(maria["id"], "individual", 150_050, "2026-01-01")
    await studio.add_rate(john["id"], "group", 99_999, "2026-01-01")
    await studio.complete_lesson(maria["id"], "2026-11-02T10:00:00+03:00")
    await studio.complete_lesson(maria["id"], "2026-11-09T10:00:00+03:00")
    await studio.complete_lesson(john["id"], "2026-11-10T18:00:00+03:00", kind="group", statuses=("present", "late"))
    return maria["id"], john["id"]


class TestStudioPayroll:
    async def test_every_teacher_with_lines_and_the_total(self, studio: Studio) -> None:
        maria, john = await november(studio)

        report = (await studio.client.get("/payroll", params={"month": "2026-11"}, headers=studio.admin)).json()

        assert report["total"]["amount_minor"] == 150_050 * 2 + 99_999
        by_teacher = {t["teacher_id"]: t for t in report["teachers"]}
        assert [line["amount_minor"] for line in by_teacher[maria]["lines"]] == [150_050, 150_050]
        assert by_teacher[john]["lines"][0]["students_present"] == 2
        assert by_teacher[maria]["paid"] is None


class TestPayrollSheet:
    async def test_csv_has_every_line_and_the_same_totals(self, studio: Studio) -> None:
        maria, _ = await november(studio)

        response = await studio.client.get(
            "/payroll/sheet", params={"month": "2026-11", "format": "csv"}, headers=studio.admin
        )

        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/csv")
        assert "payroll-2026-11.csv" in response.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        lessons = [row for row in rows if row["date"]]
        assert [
            (row["teacher"], row["date"], row["amount_minor"]) for row in lessons if row["teacher_id"] == maria
        ] == [
            ("Мария Петрова", "2026-11-02", "150050"),
            ("Мария Петрова", "2026-11-09", "150050"),
        ]
        assert rows[-1]["teacher"] == "total"
        assert int(rows[-1]["amount_minor"]) == sum(int(row["amount_minor"]) for row in lessons) == 400_099
        assert rows[-1]["amount"] == "4000.99"

    async def test_xlsx_reads_back_with_the_same_totals(self, studio: Studio) -> None:
        await november(studio)
        report = (await studio.client.get("/payroll", params={"month": "2026-11"}, headers=studio.admin)).json()

        response = await studio.client.get(
            "/payroll/sheet", params={"month": "2026-11", "format": "xlsx"}, headers=studio.admin
        )

        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
        assert sheet is not None
        rows = list(sheet.iter_rows(values_only=True))
        header = list(rows[0])
        amount, major = header.index("amount_minor"), header.index("amount")
        lessons = [row for row in rows[1:] if row[header.index("date")]]
        assert len(lessons) == 3
        assert rows[-1][0] == "total"
        assert rows[-1][amount] == sum(row[amount] for row in lessons) == report["total"]["amount_minor"]
        assert Decimal(str(rows[-1][major])) == Decimal("4000.99")

    async def test_only_admins_download_it(self, studio: Studio) -> None:
        maria, _ = await november(studio)

        response = await studio.client.get(
            "/payroll/sheet", params={"month": "2026-11", "format": "csv"}, headers=studio.teacher_headers(maria)
        )

        assert response.status_code == 403


class TestMarkPaid:
    async def test_marking_paid_records_the_total_once(self, studio: Studio) -> None:
        maria, _ = await november(studio)

        first, second = await asyncio.gather(
            studio.client.post(f"/payroll/2026-11/teachers/{maria}/paid", headers=studio.admin),
            studio.client.post(f"/payroll/2026-11/teachers/{maria}/paid", headers=studio.admin),
        )

        assert first.status_code == second.status_code == 200
        assert first.json() == second.json()
        assert first.json()["amount_minor"] == 300_100
        assert first.json()["lessons"] == 2
        report = (await studio.client.get("/payroll", params={"month": "2026-11"}, headers=studio.admin)).json()
        paid = {t["teacher_id"]: t["paid"] for t in report["teachers"]}
        assert paid[maria]["amount_minor"] == 300_100

    async def test_a_month_without_lessons_cannot_be_paid(self, studio: Studio) -> None:
        maria, _ = await november(studio)

        response = await studio.client.post(f"/payroll/2026-12/teachers/{maria}/paid", headers=studio.admin)

        assert response.status_code == 409
        assert response.json()["code"] == "nothing_to_pay"

    async def test_an_unknown_teacher_is_not_found(self, studio: Studio) -> None:
        response = await studio.client.post(f"/payroll/2026-11/teachers/{uuid.uuid4()}/paid", headers=studio.admin)

        assert response.status_code == 404
