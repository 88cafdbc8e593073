"""CEFR assessments through the BFF: the admin records them, the newest sets the level, the
student reads their own history and cannot grade themself. Real students-service behind the BFF."""

from collections.abc import Callable
from typing import Any

from ..documents.test_router import link_teacher
from ..platform import Browser, Platform


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


class TestTeacherAssessments:
    async def test_a_teacher_of_the_student_records_a_level_and_a_stranger_teacher_cannot(
        self,
        platform: Platform,
        admin: Browser,
        register_student: Callable[..., Any],
        create_teacher: Callable[..., Any],
    ) -> None:
        student, user = await register_student()
        teacher, profile = await create_teacher()
        stranger, _ = await create_teacher()
        await link_teacher(platform, profile["id"], user["id"])
        url = f"/api/students/{user['id']}/assessments"

        # Levels need no document grant: teaching the student is enough.
        recorded = await teacher.post(
            url, json={"level": "B2", "assessed_at": "2026-12-01T10:00:00+03:00", "comment": "Speaking test"}
        )
        assert recorded.status_code == 201, recorded.text
        assert [(item["level"], item["comment"]) for item in (await teacher.get(url)).json()] == [
            ("B2", "Speaking test")
        ]
        assert (await student.get(url)).json()[0]["level"] == "B2"
        assert (await admin.get(f"/api/admin/students/{user['id']}")).json()["level"] == "B2"

        # A teacher who does not teach the student neither reads nor records anything.
        assert (await stranger.get(url)).status_code in (403, 404)
        forged = await stranger.post(url, json={"level": "C2", "assessed_at": "2026-12-02T10:00:00+03:00"})
        assert forged.status_code in (403, 404)
        assert [item["level"] for item in (await admin.get(url)).json()] == ["B2"]
