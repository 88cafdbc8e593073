"""The accountant's exports through the BFF against the real services: the bytes of the owner's
streamed sheet reach the browser unbuffered, with the same rows and totals as the ledger."""

import csv
import io
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from openpyxl import load_workbook

from ..platform import Browser

AROUND_TODAY = {
    "from": (date.today() - timedelta(days=1)).isoformat(),
    "to": (date.today() + timedelta(days=1)).isoformat(),
}


def csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


class TestExports:
    async def test_payments_and_ledger_exports_list_the_students_entries_and_agree_with_the_total(
        self, admin: Browser, register_student: Callable[..., Any]
    ) -> None:
        _, student = await register_student()
        for amount in (120_000, 80_000):
            paid = await admin.post(
                f"/api/admin/students/{student['id']}/payments",
                json={"amount_minor": amount, "method": "cash", "comment": "export"},
                headers={"Idempotency-Key": uuid.uuid4().hex},
            )
            assert paid.status_code == 201, paid.text

        response = await admin.get("/api/admin/exports/ledger", params={**AROUND_TODAY, "format": "csv"})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/csv")
        assert 'filename="ledger-' in response.headers["content-disposition"]
        # Relayed as it streams: the BFF never knew the whole length.
        assert "content-length" not in response.headers
        rows = csv_rows(response.content)
        mine = [row for row in rows if row["student_id"] == student["id"]]
        assert sorted(int(row["amount_minor"]) for row in mine) == [80_000, 120_000]
        assert max(int(row["balance_after_minor"]) for row in mine) == 200_000
        assert int(rows[-1]["amount_minor"]) == sum(int(row["amount_minor"]) for row in rows[:-1])

        xlsx = await admin.get("/api/admin/exports/payments", params={**AROUND_TODAY, "format": "xlsx"})
        assert xlsx.status_code == 200, xlsx.text
        sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).active
        assert sheet is not None
        values = list(sheet.iter_rows(values_only=True))
        student_column = values[0].index("student_id")
        amount = values[0].index("amount_minor")
        assert sorted(row[amount] for row in values[1:-1] if row[student_column] == student["id"]) == [  # type: ignore[type-var]
            80_000,
            120_000,
        ]
        assert values[-1][amount] == sum(row[amount] for row in values[1:-1])  # type: ignore[misc]

    async def test_students_and_attendance_download_for_the_admin_only(
        self, admin: Browser, register_student: Callable[..., Any], create_teacher: Callable[..., Any]
    ) -> None:
        student, profile = await register_student()
        students = await admin.get("/api/admin/exports/students", params=AROUND_TODAY)
        assert students.status_code == 200, students.text
        assert profile["id"] in {row["student_id"] for row in csv_rows(students.content)}
        attendance = await admin.get("/api/admin/exports/attendance", params={**AROUND_TODAY, "format": "xlsx"})
        assert attendance.status_code == 200, attendance.text
        sheet = load_workbook(io.BytesIO(attendance.content), read_only=True).active
        assert sheet is not None
        assert next(sheet.iter_rows(values_only=True))[0] == "date"

        teacher, _ = await create_teacher()
        for browser in (student, teacher):
            refused = await browser.get("/api/admin/exports/ledger", params=AROUND_TODAY)
            assert refused.status_code == 403

    async def test_a_reversed_range_answers_the_owners_problem(self, admin: Browser) -> None:
        for kind in ("payments", "attendance"):
            response = await admin.get(f"/api/admin/exports/{kind}", params={"from": "2026-02-01", "to": "2026-01-01"})
            assert response.status_code == 400
            assert response.headers["content-type"] == "application/problem+json"
            assert response.json()["code"] == "export_range_invalid"
