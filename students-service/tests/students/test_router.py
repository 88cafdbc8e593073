from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Studio


class TestCreateStudent:
    async def test_admin_creates_a_profile_that_reads_back_with_zero_balance(self, studio: Studio) -> None:
        created = await studio.create_student(
            email="anna@example.com",
            phone="+7 916 123-45-67",
            level="B1",
            birth_date="2012-05-01",
            guardian={"name": "Olga Ivanova", "phone": "+79161112233"},
        )
        assert created["phone"] == "+79161234567"
        assert created["balance"] == {"amount_minor": 0, "currency": "RUB"}
        assert created["guardian"] == {"name": "Olga Ivanova", "phone": "+79161112233", "email": None}
        fetched = (await studio.client.get(f"/students/{created['id']}", headers=studio.admin)).json()
        assert fetched == created
        assert [e["student_id"] for e in await studio.outbox("student.created")] == [created["id"]]

    async def test_profile_id_is_the_auth_user_id_and_me_finds_it(self, studio: Studio) -> None:
        user_id = uuid.uuid4()
        created = await studio.create_student(user_id=str(user_id))
        assert created["id"] == created["user_id"] == str(user_id)
        me = await studio.client.get("/students/me", headers=studio.student_headers(user_id))
        assert me.status_code == 200
        assert me.json()["id"] == str(user_id)

    async def test_duplicate_email_is_a_conflict_with_a_stable_code(self, studio: Studio) -> None:
        await studio.create_student(email="same@example.com")
        response = await studio.client.post(
            "/students", json={"first_name": "B", "email": "SAME@example.com"}, headers=studio.admin
        )
        assert response.status_code == 409
        assert response.json()["code"] == "student_email_taken"

    async def test_invalid_phone_is_a_validation_error(self, studio: Studio) -> None:
        response = await studio.client.post("/students", json={"first_name": "B", "phone": "12"}, headers=studio.admin)
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"

    async def test_teachers_students_and_anonymous_cannot_create(self, studio: Studio) -> None:
        body = {"first_name": "X"}
        for headers in (studio.teacher_headers(uuid.uuid4()), studio.student_headers(uuid.uuid4())):
            assert (await studio.client.post("/students", json=body, headers=headers)).status_code == 403
        assert (await studio.client.post("/students", json=body)).status_code == 401

    async def test_bff_service_with_write_scope_creates_a_registered_students_profile(self, studio: Studio) -> None:
        user_id = uuid.uuid4()
        headers = studio.signer.headers("service", sub="service:bff", scopes=["students:write"])
        response = await studio.client.post(
            "/students", json={"first_name": "Reg", "user_id": str(user_id)}, headers=headers
        )
        assert response.status_code == 201
        assert response.json()["id"] == str(user_id)


class TestListStudents:
    async def test_search_filters_and_pages(self, studio: Studio) -> None:
        await studio.create_student(first_name="Boris", last_name="Abramov", level="A2")
        await studio.create_student(first_name="Vera", last_name="Borisova", level="B2", status="paused")
        await studio.create_student(first_name="Gleb", last_name="Zorin", email="gleb@example.com", level="B2")
        found = (await studio.client.get("/students", params={"search": "boris"}, headers=studio.admin)).json()
        assert [s["first_name"] for s in found["items"]] == ["Boris", "Vera"]
        by_level = (
            await studio.client.get("/students", params={"level": "B2", "status": "active"}, headers=studio.admin)
        ).json()
        assert [s["first_name"] for s in by_level["items"]] == ["Gleb"]
        page = (await studio.client.get("/students", params={"page": 2, "size": 2}, headers=studio.admin)).json()
        assert (page["total"], page["page"], page["size"], len(page["items"])) == (3, 2, 2, 1)

    async def test_list_shows_each_students_balance(self, studio: Studio) -> None:
        student = await studio.create_student()
        await studio.client.post(
            f"/students/{student['id']}/payments",
            json={"amount_minor": 5000, "method": "cash"},
            headers={**studio.admin, "Idempotency-Key": "pay-list-0001"},
        )
        items = (await studio.client.get("/students", headers=studio.admin)).json()["items"]
        assert items[0]["balance"]["amount_minor"] == 5000

    async def test_teacher_sees_only_the_students_they_teach(self, studio: Studio) -> None:
        mine, other = await studio.create_student(first_name="Mine"), await studio.create_student(first_name="Other")
        teacher_id, group_id = uuid.uuid4(), uuid.uuid4()
        await studio.deliver(
            "group.member_added",
            {
                "group_id": str(group_id),
                "group_name": "B1 evening",
                "student_id": mine["id"],
                "teacher_id": str(teacher_id),
            },
        )
        teacher = studio.teacher_headers(teacher_id)
        listed = (await studio.client.get("/students", headers=teacher)).json()
        assert [s["id"] for s in listed["items"]] == [mine["id"]]
        assert (await studio.client.get(f"/students/{other['id']}", headers=teacher)).status_code == 404
        assert (await studio.client.get(f"/students/{mine['id']}", headers=teacher)).status_code == 200

    async def test_students_cannot_list(self, studio: Studio) -> None:
        student = await studio.create_student()
        response = await studio.client.get("/students", headers=studio.student_headers(student["id"]))
        assert response.status_code == 403


class TestTeacherRelation:
    async def test_relation_follows_group_moves_and_removals_but_lessons_keep_it(self, studio: Studio) -> None:
        student = await studio.create_student()
        old_teacher, new_teacher = uuid.uuid4(), uuid.uuid4()
        group_a, group_b = uuid.uuid4(), uuid.uuid4()
        url = f"/students/{student['id']}"
        await studio.deliver(
            "group.member_added",
            {"group_id": str(group_a), "student_id": student["id"], "teacher_id": str(old_teacher)},
        )
        await studio.deliver(
            "group.member_moved",
            {
                "student_id": student["id"],
                "from_group_id": str(group_a),
                "to_group_id": str(group_b),
                "teacher_id": str(new_teacher),
            },
        )
        assert (await studio.client.get(url, headers=studio.teacher_headers(old_teacher))).status_code == 404
        assert (await studio.client.get(url, headers=studio.teacher_headers(new_teacher))).status_code == 200
        await studio.deliver(
            "group.member_removed",
            {"group_id": str(group_b), "student_id": student["id"], "teacher_id": str(new_teacher), "reason": "left"},
        )
        assert (await studio.client.get(url, headers=studio.teacher_headers(new_teacher))).status_code == 404
        await studio.deliver(
            "lesson.scheduled",
            {
                "lesson_id": str(uuid.uuid4()),
                "kind": "individual",
                "teacher_id": str(new_teacher),
                "student_ids": [student["id"]],
                "group_id": None,
            },
        )
        assert (await studio.client.get(url, headers=studio.teacher_headers(new_teacher))).status_code == 200


class TestReadAndUpdate:
    async def test_a_student_reads_only_themself(self, studio: Studio) -> None:
        me, other = await studio.create_student(), await studio.create_student(first_name="Other")
        headers = studio.student_headers(me["id"])
        assert (await studio.client.get(f"/students/{me['id']}", headers=headers)).json()["id"] == me["id"]
        response = await studio.client.get(f"/students/{other['id']}", headers=headers)
        assert response.status_code == 404
        assert response.json()["code"] == "student_not_found"

    async def test_student_edits_own_contacts_but_not_status(self, studio: Studio) -> None:
        me = await studio.create_student()
        headers = studio.student_headers(me["id"])
        ok = await studio.client.patch(
            f"/students/{me['id']}", json={"phone": "+79160000001", "goals": "IELTS"}, headers=headers
        )
        assert (ok.json()["phone"], ok.json()["goals"]) == ("+79160000001", "IELTS")
        refused = await studio.client.patch(f"/students/{me['id']}", json={"status": "archived"}, headers=headers)
        assert refused.status_code == 403
        assert (await studio.client.get(f"/students/{me['id']}", headers=studio.admin)).json()["status"] == "active"

    async def test_admin_changes_status_and_guardian(self, studio: Studio) -> None:
        student = await studio.create_student(guardian={"name": "Mom"})
        response = await studio.client.patch(
            f"/students/{student['id']}", json={"status": "paused", "guardian": None}, headers=studio.admin
        )
        assert (response.json()["status"], response.json()["guardian"]) == ("paused", None)

    async def test_teacher_cannot_edit_a_profile(self, studio: Studio) -> None:
        student = await studio.create_student()
        teacher_id = uuid.uuid4()
        await studio.deliver(
            "lesson.scheduled",
            {"lesson_id": str(uuid.uuid4()), "teacher_id": str(teacher_id), "student_ids": [student["id"]]},
        )
        response = await studio.client.patch(
            f"/students/{student['id']}", json={"goals": "x"}, headers=studio.teacher_headers(teacher_id)
        )
        assert response.status_code == 403

    async def test_me_without_a_profile_is_404_and_teachers_have_no_me(self, studio: Studio) -> None:
        no_profile = await studio.client.get("/students/me", headers=studio.student_headers(uuid.uuid4()))
        teacher = await studio.client.get("/students/me", headers=studio.teacher_headers(uuid.uuid4()))
        assert (no_profile.status_code, teacher.status_code) == (404, 403)


class TestInternal:
    async def test_service_with_scope_reads_profiles_in_bulk(self, studio: Studio) -> None:
        a, b = await studio.create_student(first_name="A"), await studio.create_student(first_name="B")
        headers = studio.signer.headers("service", sub="service:notifications", scopes=["students:read"])
        bulk = await studio.client.get("/internal/students", params={"ids": f"{a['id']},{b['id']}"}, headers=headers)
        assert sorted(s["first_name"] for s in bulk.json()) == ["A", "B"]
        one = await studio.client.get(f"/internal/students/{a['id']}", headers=headers)
        assert one.json()["balance"] == {"amount_minor": 0, "currency": "RUB"}
        assert (await studio.client.get(f"/internal/students/{uuid.uuid4()}", headers=headers)).status_code == 404

    async def test_users_and_services_without_the_scope_are_refused(self, studio: Studio) -> None:
        student = await studio.create_student()
        url = f"/internal/students/{student['id']}"
        no_scope = studio.signer.headers("service", sub="service:bff", scopes=["lessons:read"])
        assert (await studio.client.get(url, headers=no_scope)).status_code == 403
        assert (await studio.client.get(url, headers=studio.admin)).status_code == 403


class TestTextThatCannotBeStored:
    async def test_nul_or_line_break_in_a_name_is_422_and_nothing_is_created(self, studio: Studio) -> None:
        before = (await studio.client.get("/students", headers=studio.admin)).json()["total"]
        for name in ("An\u0000na", "An\nna"):
            response = await studio.client.post("/students", json={"first_name": name}, headers=studio.admin)
            assert response.status_code == 422, response.text
            assert response.json()["code"] == "validation_error"
        assert (await studio.client.get("/students", headers=studio.admin)).json()["total"] == before

    async def test_enormous_page_number_is_422(self, studio: Studio) -> None:
        response = await studio.client.get("/students", params={"page": 2**60}, headers=studio.admin)
        assert response.status_code == 422
