"""Teachers as records (issue 21): edit, deactivate and reactivate, the invitation's state and
resending it, and the studio's zone for a new teacher; against the real services."""

import uuid
from collections.abc import Callable
from typing import Any

from ..platform import PASSWORD, Browser, Platform, unique_email
from ..student.test_router import free_slots


async def invite_teacher(admin: Browser, **fields: Any) -> dict[str, Any]:
    body = {"email": unique_email("teacher"), "first_name": "Tanya", "last_name": "Teacher", "levels": ["B1"]}
    response = await admin.post("/api/admin/teachers", json={**body, **fields})
    assert response.status_code == 201, response.text
    teacher: dict[str, Any] = response.json()
    return teacher


class TestStudioZone:
    async def test_a_new_teacher_works_in_the_studios_zone_not_utc(
        self, admin: Browser, new_browser: Callable[[], Browser], platform: Platform
    ) -> None:
        teacher = await invite_teacher(admin)
        assert teacher["timezone"] == "Europe/Moscow"

        browser = new_browser()
        token = await platform.invitation_token(teacher["email"])
        accepted = await browser.post("/api/auth/invitations/accept", json={"token": token, "password": PASSWORD})
        assert accepted.status_code == 200, accepted.text
        # No hours saved yet: the availability editor starts in the profile's zone, not calendary's UTC.
        availability = await browser.get("/api/teacher/availability")
        assert availability.status_code == 200, availability.text
        assert availability.json()["timezone"] == "Europe/Moscow"

    async def test_the_admin_may_choose_another_zone(self, admin: Browser) -> None:
        teacher = await invite_teacher(admin, timezone="Asia/Yekaterinburg")
        assert teacher["timezone"] == "Asia/Yekaterinburg"


class TestTeacherRecord:
    async def test_edit_name_contacts_subjects_and_zone(
        self, admin: Browser, create_teacher: Callable[..., Any], new_browser: Callable[[], Browser]
    ) -> None:
        _, teacher = await create_teacher()
        changes = {
            "first_name": "Tatiana",
            "last_name": "Smirnova",
            "phone": "8 916 123-45-67",
            "levels": ["A2", "C1"],
            "specialisations": ["IELTS"],
            "timezone": "Asia/Novosibirsk",
        }
        patched = await admin.patch(f"/api/admin/teachers/{teacher['id']}", json=changes)
        assert patched.status_code == 200, patched.text

        record = (await admin.get(f"/api/admin/teachers/{teacher['id']}")).json()
        assert (record["first_name"], record["last_name"], record["phone"]) == ("Tatiana", "Smirnova", "+79161234567")
        assert (record["levels"], record["specialisations"], record["timezone"]) == (
            ["A2", "C1"],
            ["IELTS"],
            "Asia/Novosibirsk",
        )
        assert record["invitation"]["status"] == "accepted"
        # The login greets the teacher by the new name.
        login = await new_browser().post("/api/auth/login", json={"email": teacher["email"], "password": PASSWORD})
        assert login.json()["user"]["first_name"] == "Tatiana"

    async def test_a_too_long_name_is_refused_and_changes_nothing(
        self, admin: Browser, create_teacher: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        refused = await admin.patch(f"/api/admin/teachers/{teacher['id']}", json={"first_name": "x" * 101})
        assert refused.status_code == 422
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert (await admin.get(f"/api/admin/teachers/{teacher['id']}")).json()["first_name"] == "Tanya"

    async def test_unknown_teacher_is_404_and_other_roles_are_refused(
        self, admin: Browser, create_teacher: Callable[..., Any]
    ) -> None:
        browser, teacher = await create_teacher()
        assert (await admin.get(f"/api/admin/teachers/{uuid.uuid4()}")).status_code == 404
        assert (await browser.get(f"/api/admin/teachers/{teacher['id']}")).status_code == 403
        assert (await browser.post(f"/api/admin/teachers/{teacher['id']}/invitation")).status_code == 403


class TestDeactivation:
    async def test_a_deactivated_teacher_takes_no_bookings_and_a_reactivated_one_does(
        self,
        admin: Browser,
        create_teacher: Callable[..., Any],
        register_student: Callable[..., Any],
        new_browser: Callable[[], Browser],
    ) -> None:
        _, teacher = await create_teacher()
        student, student_user = await register_student()
        slots = await free_slots(student, teacher["id"])
        body = {"teacher_id": teacher["id"], "starts_at": slots[0]["starts_at"], "duration_minutes": 60}

        off = await admin.patch(f"/api/admin/teachers/{teacher['id']}", json={"status": "inactive"})
        assert off.status_code == 200, off.text
        refused = await student.post("/api/booking", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
        assert refused.status_code == 409, refused.text
        assert refused.json()["code"] == "teacher_unavailable"
        desk = await admin.post(
            "/api/admin/lessons",
            json={**body, "student_id": student_user["id"], "kind": "individual"},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        assert (desk.status_code, desk.json()["code"]) == (409, "teacher_unavailable")
        assert (await student.get("/api/student/lessons")).json() == []
        login = await new_browser().post("/api/auth/login", json={"email": teacher["email"], "password": PASSWORD})
        assert (login.status_code, login.json()["code"]) == (403, "account_disabled")

        on = await admin.patch(f"/api/admin/teachers/{teacher['id']}", json={"status": "active"})
        assert on.status_code == 200, on.text
        booked = await student.post("/api/booking", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
        assert booked.status_code == 201, booked.text
        login = await new_browser().post("/api/auth/login", json={"email": teacher["email"], "password": PASSWORD})
        assert login.status_code == 200


class TestInvitation:
    async def test_pending_until_accepted_and_resend_sends_a_working_link(
        self, admin: Browser, new_browser: Callable[[], Browser], platform: Platform
    ) -> None:
        teacher = await invite_teacher(admin)
        first_token = await platform.invitation_token(teacher["email"])
        listed = (await admin.get("/api/admin/teachers", params={"search": teacher["email"]})).json()
        assert listed["items"][0]["invitation"]["status"] == "pending"

        resent = await admin.post(f"/api/admin/teachers/{teacher['id']}/invitation")
        assert resent.status_code == 200, resent.text
        assert resent.json()["invitation"]["status"] == "pending"
        second_token = await platform.invitation_token(teacher["email"])
        assert second_token != first_token

        browser = new_browser()
        stale = await browser.post("/api/auth/invitations/accept", json={"token": first_token, "password": PASSWORD})
        assert stale.status_code == 410
        accepted = await browser.post(
            "/api/auth/invitations/accept", json={"token": second_token, "password": PASSWORD}
        )
        assert accepted.status_code == 200, accepted.text
        record = (await admin.get(f"/api/admin/teachers/{teacher['id']}")).json()
        assert record["invitation"]["status"] == "accepted"

        again = await admin.post(f"/api/admin/teachers/{teacher['id']}/invitation")
        assert (again.status_code, again.json()["code"]) == (409, "invitation_already_accepted")
