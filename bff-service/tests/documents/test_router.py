"""A student's documents through the BFF (issue 18): the admin and the student themself see them;
a teacher of the student only with the student's grant (403 `documents_not_granted` for the list
and the download otherwise). Real students-service behind the real BFF."""

import uuid
from collections.abc import Callable
from typing import Any

import asyncpg

from ..platform import Browser, Platform

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


async def link_teacher(platform: Platform, teacher_id: str, student_id: str) -> None:
    """The teacher teaches the student (what a booked lesson's event records in students-service;
    this platform runs lessons-service without a broker, so the arrangement is written directly)."""
    database = platform.auth_database.replace("auth_test_for_bff", "students_test_for_bff")
    connection = await asyncpg.connect(database)
    try:
        await connection.execute(
            "INSERT INTO teacher_student (teacher_id, student_id, via, ref_id) VALUES ($1, $2, 'lesson', $3)",
            uuid.UUID(teacher_id),
            uuid.UUID(student_id),
            uuid.uuid4(),
        )
    finally:
        await connection.close()


async def upload(browser: Browser, student_id: str, name: str = "passport.pdf") -> dict[str, Any]:
    response = await browser.post(
        f"/api/students/{student_id}/documents", files={"file": (name, PDF, "application/pdf")}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


class TestDocumentGrants:
    async def test_a_teacher_of_the_student_gets_403_until_the_student_grants_access(
        self,
        platform: Platform,
        admin: Browser,
        register_student: Callable[..., Any],
        create_teacher: Callable[..., Any],
    ) -> None:
        student, user = await register_student()
        teacher, profile = await create_teacher()
        await link_teacher(platform, profile["id"], user["id"])
        document = await upload(student, user["id"])
        url = f"/api/students/{user['id']}/documents"
        # The teacher teaches the student, which shows the profile but not the personal files.
        listed = await teacher.get(url)
        assert (listed.status_code, listed.json()["code"]) == (403, "documents_not_granted")
        assert listed.headers["content-type"].startswith("application/problem+json")
        downloaded = await teacher.get(f"{url}/{document['id']}")
        assert (downloaded.status_code, downloaded.json()["code"]) == (403, "documents_not_granted")
        # A teacher cannot grant themself.
        grant = f"/api/students/{user['id']}/document-grants/{profile['id']}"
        assert (await teacher.put(grant)).status_code == 403

        # The student grants: list and download work; the admin sees the grant.
        assert (await student.put(grant)).status_code == 204
        assert (await admin.get(f"/api/students/{user['id']}/document-grants")).json() == [profile["id"]]
        assert [item["id"] for item in (await teacher.get(url)).json()] == [document["id"]]
        file = await teacher.get(f"{url}/{document['id']}")
        assert file.status_code == 200
        assert file.content == PDF
        assert file.headers["content-type"] == "application/pdf"
        assert "passport.pdf" in file.headers["content-disposition"]

        # Revoked: 403 again.
        assert (await admin.send("DELETE", grant)).status_code == 204
        assert (await teacher.get(url)).status_code == 403
        assert (await teacher.get(f"{url}/{document['id']}")).status_code == 403

    async def test_the_student_and_the_admin_see_the_files_and_a_stranger_teacher_nothing(
        self, admin: Browser, register_student: Callable[..., Any], create_teacher: Callable[..., Any]
    ) -> None:
        student, user = await register_student()
        stranger, _ = await create_teacher()
        document = await upload(admin, user["id"], "contract.pdf")
        url = f"/api/students/{user['id']}/documents"
        assert [item["filename"] for item in (await student.get(url)).json()] == ["contract.pdf"]
        assert (await admin.get(f"{url}/{document['id']}")).content == PDF
        assert (await stranger.get(url)).status_code in (403, 404)
        assert (await student.send("DELETE", f"{url}/{document['id']}")).status_code == 403
        assert (await admin.send("DELETE", f"{url}/{document['id']}")).status_code == 204
        assert (await student.get(url)).json() == []


class TestTeacherUploads:
    async def test_a_granted_teacher_uploads_and_deletes_only_their_own_file_and_without_a_grant_nothing_is_stored(
        self,
        platform: Platform,
        admin: Browser,
        register_student: Callable[..., Any],
        create_teacher: Callable[..., Any],
    ) -> None:
        _, user = await register_student()
        teacher, profile = await create_teacher()
        await link_teacher(platform, profile["id"], user["id"])
        url = f"/api/students/{user['id']}/documents"
        contract = await upload(admin, user["id"], "contract.pdf")

        # Teaching the student is not enough to add files to their record.
        refused = await teacher.post(url, files={"file": ("essay.pdf", PDF, "application/pdf")})
        assert (refused.status_code, refused.json()["code"]) == (403, "documents_not_granted")
        assert [item["filename"] for item in (await admin.get(url)).json()] == ["contract.pdf"]

        # With the admin's grant the teacher uploads, and everyone with access sees the file.
        grant = f"/api/students/{user['id']}/document-grants/{profile['id']}"
        assert (await admin.put(grant)).status_code == 204
        essay = await upload(teacher, user["id"], "essay.pdf")
        assert sorted(item["filename"] for item in (await admin.get(url)).json()) == ["contract.pdf", "essay.pdf"]
        assert (await teacher.get(f"{url}/{essay['id']}")).content == PDF

        # The teacher deletes what they uploaded, never the admin's contract.
        assert (await teacher.send("DELETE", f"{url}/{contract['id']}")).status_code == 403
        assert (await teacher.send("DELETE", f"{url}/{essay['id']}")).status_code == 204
        assert [item["filename"] for item in (await admin.get(url)).json()] == ["contract.pdf"]
