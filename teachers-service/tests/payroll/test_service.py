from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conftest import Studio


async def payroll(studio: Studio, teacher_id: Any, month: str, headers: dict[str, str] | None = None) -> Any:
    response = await studio.client.get(
        f"/teachers/{teacher_id}/payroll", params={"month": month}, headers=headers or studio.admin
    )
    assert response.status_code == 200, response.text
    return response.json()


class TestPayrollLines:
    async def test_rate_valid_on_the_lessons_date_is_used(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        tid = teacher["id"]
        await studio.add_rate(tid, "individual", 100000, "2026-01-01")
        await studio.add_rate(tid, "individual", 120000, "2026-11-15")
        await studio.add_rate(tid, "group", 200000, "2026-01-01")
        await studio.complete_lesson(tid, "2026-11-14T20:00:00+03:00")
        await studio.complete_lesson(tid, "2026-11-15T10:00:00+03:00")
        await studio.complete_lesson(
            tid, "2026-11-20T10:00:00+03:00", kind="group", statuses=("present", "late", "absent", "excused")
        )
        report = await payroll(studio, tid, "2026-11", studio.teacher_headers(tid))
        assert [(line["kind"], line["amount_minor"], line["students_present"]) for line in report["lines"]] == [
            ("individual", 100000, 1),
            ("individual", 120000, 1),
            ("group", 200000, 2),
        ]
        assert report["total"] == {"amount_minor": 420000, "currency": "RUB"}

    async def test_the_rate_date_is_the_studios_local_date(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        await studio.add_rate(teacher["id"], "individual", 100000, "2026-01-01")
        await studio.add_rate(teacher["id"], "individual", 130000, "2026-12-01")
        # 22:30 UTC on 30 November is already 1 December in Moscow, so December's payroll and rate.
        await studio.complete_lesson(teacher["id"], "2026-11-30T22:30:00+00:00")
        assert (await payroll(studio, teacher["id"], "2026-11"))["lines"] == []
        december = await payroll(studio, teacher["id"], "2026-12")
        assert [line["amount_minor"] for line in december["lines"]] == [130000]

    async def test_redelivered_completion_adds_no_second_line(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        await studio.add_rate(teacher["id"], "individual", 100000, "2026-01-01")
        lesson_id = uuid.uuid4()
        await studio.complete_lesson(teacher["id"], "2026-11-10T10:00:00+03:00", lesson_id=lesson_id)
        await studio.complete_lesson(teacher["id"], "2026-11-10T10:00:00+03:00", lesson_id=lesson_id)
        report = await payroll(studio, teacher["id"], "2026-11")
        assert [line["lesson_id"] for line in report["lines"]] == [str(lesson_id)]
        assert report["total"]["amount_minor"] == 100000

    async def test_lesson_without_a_rate_is_flagged_not_lost(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        await studio.add_rate(teacher["id"], "individual", 100000, "2026-12-01")
        await studio.complete_lesson(teacher["id"], "2026-11-10T10:00:00+03:00")
        await studio.complete_lesson(teacher["id"], "2026-11-11T10:00:00+03:00", kind="trial")
        lines = (await payroll(studio, teacher["id"], "2026-11"))["lines"]
        assert [(line["amount_minor"], line["rate_missing"]) for line in lines] == [(0, True), (0, True)]


class TestPayrollAccess:
    async def test_teachers_see_only_their_own_payroll(self, studio: Studio) -> None:
        teacher, other = await studio.create_teacher(), await studio.create_teacher()
        url = f"/teachers/{teacher['id']}/payroll"
        for headers in (studio.teacher_headers(other["id"]), studio.student_headers()):
            assert (await studio.client.get(url, params={"month": "2026-11"}, headers=headers)).status_code == 403
        assert (
            await studio.client.get(
                "/payroll", params={"month": "2026-11"}, headers=studio.teacher_headers(teacher["id"])
            )
        ).status_code == 403
        bad_month = await studio.client.get(url, params={"month": "2026-13"}, headers=studio.admin)
        assert bad_month.status_code == 422


class TestStudioPayroll:
    async def test_report_per_teacher_adds_up(self, studio: Studio) -> None:
        anna = await studio.create_teacher(first_name="Anna", last_name="Alekseeva")
        boris = await studio.create_teacher(first_name="Boris", last_name="Borisov")
        for teacher, amount in ((anna, 100000), (boris, 90000)):
            await studio.add_rate(teacher["id"], "individual", amount, "2026-01-01")
        await studio.complete_lesson(anna["id"], "2026-11-03T10:00:00+03:00")
        await studio.complete_lesson(anna["id"], "2026-11-04T10:00:00+03:00")
        await studio.complete_lesson(boris["id"], "2026-11-05T10:00:00+03:00")
        await studio.complete_lesson(boris["id"], "2026-11-06T10:00:00+03:00", kind="group")
        await studio.complete_lesson(boris["id"], "2026-10-06T10:00:00+03:00")
        report = (await studio.client.get("/payroll", params={"month": "2026-11"}, headers=studio.admin)).json()
        assert [
            (t["last_name"], t["lessons"], t["rate_missing"], t["total"]["amount_minor"]) for t in report["teachers"]
        ] == [("Alekseeva", 2, 0, 200000), ("Borisov", 2, 1, 90000)]
        assert report["total"] == {"amount_minor": 290000, "currency": "RUB"}
