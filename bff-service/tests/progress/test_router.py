"""CEFR assessments through the BFF: the admin records them, the newest sets the level, the
student reads their own history and cannot grade themself. Real students-service behind the BFF."""

from collections.abc import Callable
from typing import Any

from ..platform import Browser


class TestAssessments:
    async def test_the_admin_records_levels_and_the_student_reads_the_history(
        self, admin: Browser, register_student: Callable[..., Any]
    ) -> None:
        student, user = await register_student()
        url = f"/api/students/{user['id']}/assessments"

        first = await admin.post(url, json={"level": "A2", "assessed_at": "2026-09-01T10:00:00+03:00"})
        second = await admin.post(
            url, json={"level": "B1", "assessed_at": "2026-12-01T10:00:00+03:00", "comment": "Mid-term test"}
        )

        assert (first.status_code, second.status_code) == (201, 201), first.text
        history = (await student.get(url)).json()
        assert [(item["level"], item["comment"]) for item in history] == [("B1", "Mid-term test"), ("A2", None)]
        assert (await admin.get(f"/api/admin/students/{user['id']}")).json()["level"] == "B1"

    async def test_a_student_cannot_grade_themself_and_a_bad_level_is_refused(
        self, admin: Browser, register_student: Callable[..., Any]
    ) -> None:
        student, user = await register_student()
        url = f"/api/students/{user['id']}/assessments"

        own = await student.post(url, json={"level": "C2", "assessed_at": "2026-12-01T10:00:00+03:00"})
        bad = await admin.post(url, json={"level": "D1", "assessed_at": "2026-12-01T10:00:00+03:00"})

        assert own.status_code == 403
        assert bad.status_code == 422
        assert (await student.get(url)).json() == []
