from __future__ import annotations

import csv
import io
import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from openpyxl import load_workbook
from sqlalchemy import text

if TYPE_CHECKING:
    from conftest import Studio

YEAR = {"from": "2019-01-01", "to": "2019-12-31"}
STUDENTS = 500
ENTRIES_PER_STUDENT = 24  # a payment and a lesson charge each month


async def seed_year(studio: Studio) -> None:
    """A year of a 500-student studio, written straight into the tables (12 000 ledger entries)."""
    async with studio.app.state.database.engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO student (id, first_name, last_name, timezone, status, source, balance_low,"
                " created_at, updated_at)"
                " SELECT gen_random_uuid(), 'Student', 'N' || lpad(n::text, 3, '0'), 'Europe/Moscow', 'active',"
                " 'admin', false, timestamptz '2018-12-01 12:00+03', timestamptz '2018-12-01 12:00+03'"
                " FROM generate_series(1, :students) AS n"
            ),
            {"students": STUDENTS},
        )
        await connection.execute(
            text(
                "INSERT INTO ledger_entry (id, student_id, kind, amount_minor, currency, description, method,"
                " created_at)"
                " SELECT gen_random_uuid(), s.id, k.kind, k.sign * (100000 + m * 100 + (n % 7) * 1000), 'RUB',"
                " k.kind || ' ' || m, CASE WHEN k.kind = 'payment' THEN 'cash' END,"
                " timestamptz '2019-01-01 10:00+03' + (m - 1) * interval '1 month' + k.offset_hours * interval '1 hour'"
                " FROM (SELECT id, row_number() OVER (ORDER BY last_name) AS n FROM student) s"
                " CROSS JOIN generate_series(1, 12) AS m"
                " CROSS JOIN (VALUES ('payment', 1, 0), ('lesson_charge', -1, 5)) AS k(kind, sign, offset_hours)"
            )
        )
        # Before the range: counts in balances, not in the range's rows.
        await connection.execute(
            text(
                "INSERT INTO ledger_entry (id, student_id, kind, amount_minor, currency, description, method,"
                " created_at) SELECT gen_random_uuid(), id, 'payment', 5000, 'RUB', 'opening', 'cash',"
                " timestamptz '2018-12-31 23:00+03' FROM student"
            )
        )


async def ledger_figures(studio: Studio, where: str) -> tuple[int, int]:
    async with studio.app.state.database.engine.connect() as connection:
        row = (
            await connection.execute(
                text(f"SELECT count(*), coalesce(sum(amount_minor), 0) FROM ledger_entry WHERE {where}")
            )
        ).one()
    return int(row[0]), int(row[1])


async def download(studio: Studio, kind: str, sheet_format: str, **params: Any) -> bytes:
    response = await studio.client.get(
        f"/exports/{kind}", params={**YEAR, "format": sheet_format, **params}, headers=studio.admin
    )
    assert response.status_code == 200, response.text
    assert f'filename="{kind}-' in response.headers["content-disposition"]
    return response.content


def csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


IN_2019 = "created_at >= timestamptz '2019-01-01 00:00+03' AND created_at < timestamptz '2020-01-01 00:00+03'"


class TestExports:
    async def test_a_year_of_the_ledger_streams_every_entry_and_the_total_agrees(self, studio: Studio) -> None:
        await seed_year(studio)
        rows = csv_rows(await download(studio, "ledger", "csv"))
        count, total = await ledger_figures(studio, IN_2019)
        entries, footer = rows[:-1], rows[-1]
        assert count == STUDENTS * ENTRIES_PER_STUDENT
        assert len(entries) == count
        assert footer["date"] == "total"
        assert int(footer["amount_minor"]) == total == sum(int(row["amount_minor"]) for row in entries)
        # The balance after each student's last entry of the year is their balance at the year's end.
        last_balance: dict[str, int] = {}
        for row in entries:
            last_balance[row["student_id"]] = int(row["balance_after_minor"])
        async with studio.app.state.database.engine.connect() as connection:
            balances = {
                str(student_id): int(amount)
                for student_id, amount in await connection.execute(
                    text("SELECT student_id, sum(amount_minor) FROM ledger_entry GROUP BY student_id")
                )
            }
        assert last_balance == balances

    async def test_payments_xlsx_reads_back_with_the_ledgers_payment_total(self, studio: Studio) -> None:
        await seed_year(studio)
        content = await download(studio, "payments", "xlsx")
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        assert sheet is not None
        rows = list(sheet.iter_rows(values_only=True))
        header, entries, footer = rows[0], rows[1:-1], rows[-1]
        count, total = await ledger_figures(studio, f"{IN_2019} AND kind IN ('payment', 'refund')")
        amount_minor = header.index("amount_minor")
        assert len(entries) == count == STUDENTS * 12
        assert footer[0] == "total"
        assert footer[amount_minor] == total == sum(int(row[amount_minor]) for row in entries)  # type: ignore[arg-type]

    async def test_students_export_opens_pays_charges_and_closes_like_the_ledger(self, studio: Studio) -> None:
        await seed_year(studio)
        rows = csv_rows(await download(studio, "students", "csv"))
        students, footer = rows[:-1], rows[-1]
        assert len(students) == STUDENTS
        _, closing = await ledger_figures(studio, "created_at < timestamptz '2020-01-01 00:00+03'")
        _, paid = await ledger_figures(studio, f"{IN_2019} AND kind = 'payment'")
        assert int(footer["closing_balance_minor"]) == closing
        assert int(footer["paid_minor"]) == paid
        assert int(footer["opening_balance_minor"]) == STUDENTS * 5000
        for row in students:
            assert int(row["opening_balance_minor"]) + int(row["paid_minor"]) + int(
                row["charged_and_other_minor"]
            ) == int(row["closing_balance_minor"])

    async def test_entries_recorded_through_the_api_are_exported_with_names_made_safe(self, studio: Studio) -> None:
        student = await studio.create_student(first_name="=HYPERLINK(1)")
        response = await studio.client.post(
            f"/students/{student['id']}/payments",
            json={"amount_minor": 150_000, "method": "card"},
            headers={**studio.admin, "Idempotency-Key": uuid.uuid4().hex},
        )
        assert response.status_code == 201, response.text
        today = date.fromisoformat(response.json()["created_at"][:10])
        around = {"from": (today - timedelta(days=1)).isoformat(), "to": (today + timedelta(days=1)).isoformat()}
        rows = csv_rows(await download(studio, "payments", "csv", **around))
        assert [row["amount_minor"] for row in rows] == ["150000", "150000"]
        # A name a spreadsheet would run as a formula is written as text.
        assert rows[0]["student"].startswith("'=HYPERLINK")

    async def test_a_reversed_range_is_refused_and_a_non_admin_is_forbidden(self, studio: Studio) -> None:
        response = await studio.client.get(
            "/exports/ledger", params={"from": "2019-02-01", "to": "2019-01-01"}, headers=studio.admin
        )
        assert response.status_code == 400
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "export_range_invalid"
        # Dates no studio has records for would overflow mid-stream once shifted by the zone.
        for far in ({"from": "0001-01-01", "to": "0001-01-02"}, {"from": "9999-12-30", "to": "9999-12-31"}):
            refused = await studio.client.get("/exports/payments", params=far, headers=studio.admin)
            assert refused.status_code == 400, refused.text
            assert refused.json()["code"] == "export_range_invalid"
        student = await studio.create_student()
        response = await studio.client.get(
            "/exports/ledger", params=YEAR, headers=studio.student_headers(student["id"])
        )
        assert response.status_code == 403


class TestCashByMonth:
    async def test_payments_and_refunds_are_summed_per_studio_month(self, studio: Studio) -> None:
        student = await studio.create_student()
        for amount in (300_000, 200_000):
            await studio.client.post(
                f"/students/{student['id']}/payments",
                json={"amount_minor": amount, "method": "cash"},
                headers={**studio.admin, "Idempotency-Key": uuid.uuid4().hex},
            )
        refund = await studio.client.post(
            f"/students/{student['id']}/refunds",
            json={"amount_minor": 50_000, "method": "cash", "comment": "moved away"},
            headers={**studio.admin, "Idempotency-Key": uuid.uuid4().hex},
        )
        assert refund.status_code == 201, refund.text
        async with studio.app.state.database.engine.begin() as connection:
            # A payment three months back: outside a three-month window, inside a six-month one.
            await connection.execute(
                text(
                    "INSERT INTO ledger_entry (id, student_id, kind, amount_minor, currency, description, created_at)"
                    " VALUES (gen_random_uuid(), :student, 'payment', 70000, 'RUB', 'old',"
                    " date_trunc('month', now() AT TIME ZONE 'Europe/Moscow') AT TIME ZONE 'Europe/Moscow'"
                    " - interval '3 months' + interval '1 day')"
                ),
                {"student": student["id"]},
            )
        response = await studio.client.get("/reports/cash-by-month", params={"months": 3}, headers=studio.admin)
        assert response.status_code == 200, response.text
        months = response.json()
        assert len(months) == 3
        assert months[-1]["received_minor"] == 500_000
        assert months[-1]["refunded_minor"] == 50_000
        assert [m["received_minor"] for m in months[:-1]] == [0, 0]
        six = (await studio.client.get("/reports/cash-by-month", params={"months": 6}, headers=studio.admin)).json()
        assert sum(m["received_minor"] for m in six) == 570_000
        student_headers = studio.student_headers(student["id"])
        assert (await studio.client.get("/reports/cash-by-month", headers=student_headers)).status_code == 403
