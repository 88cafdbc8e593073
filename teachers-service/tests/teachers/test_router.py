from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Studio

CONTACTS = {"email", "phone", "status"}


class TestPublicListing:
    async def test_any_signed_in_user_sees_active_teachers_without_contacts(self, studio: Studio) -> None:
        active = await studio.create_teacher(first_name="Anna", last_name="Active")
        await studio.create_teacher(first_name="Ivan", last_name="Inactive", status="inactive")
        response = await studio.client.get("/teachers", headers=studio.student_headers())
        listed = response.json()
        assert [t["id"] for t in listed] == [active["id"]]
        assert not CONTACTS & set(listed[0])
        assert listed[0]["levels"] == ["B1", "B2"]
        assert (await studio.client.get("/teachers")).status_code == 401

    async def test_inactive_teacher_card_is_hidden_from_non_admins(self, studio: Studio) -> None:
        inactive = await studio.create_teacher(status="inactive")
        url = f"/teachers/{inactive['id']}"
        assert (await studio.client.get(url, headers=studio.student_headers())).status_code == 404
        card = await studio.client.get(url, headers=studio.admin)
        assert card.status_code == 200
        assert not CONTACTS & set(card.json())

    async def test_rating_average_comes_from_feedback_counted_once(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        lesson = str(uuid.uuid4())
        first_student, second_student = str(uuid.uuid4()), str(uuid.uuid4())
        feedback = {
            "lesson_id": lesson,
            "student_id": first_student,
            "teacher_id": teacher["id"],
            "rating": 5,
            "comment": "great",
        }
        await studio.deliver("feedback.received", feedback)
        await studio.deliver("feedback.received", feedback)
        await studio.deliver("feedback.received", {**feedback, "student_id": second_student, "rating": 4})
        card = (await studio.client.get(f"/teachers/{teacher['id']}", headers=studio.student_headers())).json()
        assert card["rating"] == {"average": 4.5, "count": 2}


class TestAdmin:
    async def test_admin_creates_with_the_auth_user_id_and_lists_full_records(self, studio: Studio) -> None:
        user_id = str(uuid.uuid4())
        created = await studio.create_teacher(id=user_id, email="maria@studio.example.com")
        assert (created["id"], created["email"], created["status"]) == (user_id, "maria@studio.example.com", "active")
        second = await studio.create_teacher(first_name="Oleg", last_name="Sidorov")
        page = (await studio.client.get("/admin/teachers", params={"search": "maria@"}, headers=studio.admin)).json()
        assert (page["total"], page["items"][0]["phone"]) == (1, "+79161234567")
        assert [e["teacher_id"] for e in await studio.outbox("teacher.updated")] == [user_id, second["id"]]

    async def test_duplicate_email_or_id_is_a_conflict(self, studio: Studio) -> None:
        first = await studio.create_teacher(email="same@studio.example.com")
        for body in ({"email": "SAME@studio.example.com"}, {"id": first["id"], "email": "other@studio.example.com"}):
            response = await studio.client.post(
                "/teachers",
                headers=studio.admin,
                json={"first_name": "X", "last_name": "Y", "timezone": "Europe/Moscow", **body},
            )
            assert (response.status_code, response.json()["code"]) == (409, "teacher_exists")

    async def test_status_change_publishes_teacher_updated(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        response = await studio.client.patch(
            f"/teachers/{teacher['id']}", json={"status": "inactive"}, headers=studio.admin
        )
        assert response.json()["status"] == "inactive"
        events = await studio.outbox("teacher.updated")
        assert events[-1] == {"teacher_id": teacher["id"], "status": "inactive"}

    async def test_admin_endpoints_refuse_teachers_and_students(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        for headers in (studio.teacher_headers(teacher["id"]), studio.student_headers()):
            assert (await studio.client.get("/admin/teachers", headers=headers)).status_code == 403
            body = {"first_name": "X", "last_name": "Y", "email": "x@example.com"}
            assert (await studio.client.post("/teachers", json=body, headers=headers)).status_code == 403
            assert (await studio.client.get(f"/admin/teachers/{teacher['id']}", headers=headers)).status_code == 403


class TestSelfService:
    async def test_teacher_edits_own_bio_and_photo_only(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        mine = studio.teacher_headers(teacher["id"])
        ok = await studio.client.patch(
            f"/teachers/{teacher['id']}",
            headers=mine,
            json={"bio": "10 years", "photo_url": "https://cdn.example.com/m.jpg"},
        )
        assert (ok.json()["bio"], ok.json()["photo_url"]) == ("10 years", "https://cdn.example.com/m.jpg")
        refused = await studio.client.patch(f"/teachers/{teacher['id']}", json={"status": "inactive"}, headers=mine)
        assert refused.status_code == 403
        other = await studio.create_teacher()
        assert (
            await studio.client.patch(f"/teachers/{other['id']}", json={"bio": "x"}, headers=mine)
        ).status_code == 403
        card = (await studio.client.get(f"/admin/teachers/{teacher['id']}", headers=studio.admin)).json()
        assert card["status"] == "active"


class TestBounds:
    async def test_enormous_page_number_is_422_not_500(self, studio: Studio) -> None:
        response = await studio.client.get(
            "/admin/teachers", params={"page": 1152921504606846976}, headers=studio.admin
        )
        assert response.status_code == 422
        assert response.json()["code"] == "validation_error"
        assert (await studio.client.get("/admin/teachers", params={"page": 10_000}, headers=studio.admin)).json()[
            "items"
        ] == []

    async def test_nul_in_a_name_is_422(self, studio: Studio) -> None:
        response = await studio.client.post(
            "/admin/teachers", json={"first_name": "A\u0000", "last_name": "B"}, headers=studio.admin
        )
        assert response.status_code == 422
