from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conftest import Studio

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


async def upload(studio: Studio, student_id: str, name: str, content: bytes, headers: dict[str, str] | None = None):
    return await studio.client.post(
        f"/students/{student_id}/documents",
        files={"file": (name, content, "application/octet-stream")},
        headers=headers or studio.admin,
    )


class TestUpload:
    async def test_upload_list_download_and_delete(self, studio: Studio) -> None:
        student = await studio.create_student()
        sid = student["id"]
        created = await upload(studio, sid, "contract.pdf", PDF)
        assert created.status_code == 201
        document = created.json()
        assert (document["content_type"], document["size_bytes"]) == ("application/pdf", len(PDF))
        assert document["sha256"] == hashlib.sha256(PDF).hexdigest()
        listed = (await studio.client.get(f"/students/{sid}/documents", headers=studio.admin)).json()
        assert [d["id"] for d in listed] == [document["id"]]
        download = await studio.client.get(
            f"/students/{sid}/documents/{document['id']}", headers=studio.student_headers(sid)
        )
        assert download.content == PDF
        assert download.headers["content-type"] == "application/pdf"
        assert download.headers["content-disposition"].startswith("attachment;")
        assert "contract.pdf" in download.headers["content-disposition"]
        deleted = await studio.client.delete(f"/students/{sid}/documents/{document['id']}", headers=studio.admin)
        assert deleted.status_code == 204
        gone = await studio.client.get(f"/students/{sid}/documents/{document['id']}", headers=studio.admin)
        assert (gone.status_code, gone.json()["code"]) == (404, "document_not_found")

    async def test_type_comes_from_the_content_not_the_name(self, studio: Studio) -> None:
        student = await studio.create_student()
        png = await upload(studio, student["id"], "scan.pdf", PNG)
        assert png.json()["content_type"] == "image/png"
        docx = await upload(studio, student["id"], "essay.docx", docx_bytes())
        assert docx.json()["content_type"].endswith("wordprocessingml.document")

    async def test_disguised_executable_is_refused(self, studio: Studio) -> None:
        student = await studio.create_student()
        exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200
        response = await upload(studio, student["id"], "invoice.pdf", exe)
        assert (response.status_code, response.json()["code"]) == (415, "document_type_not_allowed")
        text = await upload(studio, student["id"], "notes.pdf", b"just some text")
        assert text.status_code == 415
        assert (await studio.client.get(f"/students/{student['id']}/documents", headers=studio.admin)).json() == []

    async def test_oversized_file_is_refused_and_nothing_is_kept(self, studio: Studio, service_settings: Any) -> None:
        limit = service_settings.students_document_max_bytes
        student = await studio.create_student()
        just_fits = await upload(studio, student["id"], "max.pdf", PDF + b"0" * (limit - len(PDF)))
        assert just_fits.status_code == 201
        response = await upload(studio, student["id"], "big.pdf", PDF + b"0" * (limit - len(PDF) + 1))
        assert (response.status_code, response.json()["code"]) == (413, "document_too_large")
        huge = await upload(studio, student["id"], "huge.pdf", PDF + b"0" * (limit * 3))
        assert huge.status_code == 413
        listed = (await studio.client.get(f"/students/{student['id']}/documents", headers=studio.admin)).json()
        assert [d["filename"] for d in listed] == ["max.pdf"]


class TestDocumentAccess:
    async def test_strangers_see_nothing_and_only_uploader_or_admin_deletes(self, studio: Studio) -> None:
        student, other = await studio.create_student(), await studio.create_student(first_name="Other")
        own = await upload(studio, student["id"], "mine.pdf", PDF, headers=studio.student_headers(student["id"]))
        assert own.status_code == 201
        by_admin = (await upload(studio, student["id"], "admin.pdf", PDF)).json()
        url = f"/students/{student['id']}/documents"
        assert (await studio.client.get(url, headers=studio.student_headers(other["id"]))).status_code == 404
        assert (await studio.client.get(url, headers=studio.teacher_headers(uuid.uuid4()))).status_code == 404
        refused = await studio.client.delete(f"{url}/{by_admin['id']}", headers=studio.student_headers(student["id"]))
        assert refused.status_code == 403
        mine = await studio.client.delete(f"{url}/{own.json()['id']}", headers=studio.student_headers(student["id"]))
        assert mine.status_code == 204
        assert [d["id"] for d in (await studio.client.get(url, headers=studio.admin)).json()] == [by_admin["id"]]


class TestTeacherGrant:
    async def test_a_teacher_who_teaches_the_student_sees_documents_only_with_a_grant(self, studio: Studio) -> None:
        student = await studio.create_student()
        teacher_id = uuid.uuid4()
        await studio.complete_lesson([(student["id"], "attended", 0)], teacher_id=teacher_id)
        teacher = studio.teacher_headers(teacher_id)
        # The teacher teaches the student: the profile is visible ...
        assert (await studio.client.get(f"/students/{student['id']}", headers=teacher)).status_code == 200
        document = (await upload(studio, student["id"], "passport.pdf", PDF)).json()
        url = f"/students/{student['id']}/documents"
        # ... the personal files are not.
        listed = await studio.client.get(url, headers=teacher)
        assert (listed.status_code, listed.json()["code"]) == (403, "documents_not_granted")
        assert (await studio.client.get(f"{url}/{document['id']}", headers=teacher)).status_code == 403
        assert (await upload(studio, student["id"], "x.pdf", PDF, headers=teacher)).status_code == 403
        # A teacher cannot grant themself; the student (or an admin) can.
        grant = f"/students/{student['id']}/document-grants/{teacher_id}"
        assert (await studio.client.put(grant, headers=teacher)).status_code == 403
        assert (await studio.client.put(grant, headers=studio.student_headers(student["id"]))).status_code == 204
        grants = await studio.client.get(f"/students/{student['id']}/document-grants", headers=studio.admin)
        assert grants.json() == [str(teacher_id)]
        assert [d["id"] for d in (await studio.client.get(url, headers=teacher)).json()] == [document["id"]]
        downloaded = await studio.client.get(f"{url}/{document['id']}", headers=teacher)
        assert downloaded.content == PDF
        # Revoked: gone again.
        assert (await studio.client.delete(grant, headers=studio.admin)).status_code == 204
        assert (await studio.client.get(url, headers=teacher)).status_code == 403

    async def test_a_grant_without_teaching_the_student_shows_nothing(self, studio: Studio) -> None:
        student = await studio.create_student()
        stranger = uuid.uuid4()
        grant = f"/students/{student['id']}/document-grants/{stranger}"
        assert (await studio.client.put(grant, headers=studio.admin)).status_code == 204
        url = f"/students/{student['id']}/documents"
        assert (await studio.client.get(url, headers=studio.teacher_headers(stranger))).status_code == 404


class TestChunkedUpload:
    async def test_a_chunked_upload_is_cut_off_at_the_limit_not_read_to_the_end(
        self, studio: Studio, service_settings: Any
    ) -> None:
        limit = service_settings.students_document_max_bytes
        student = await studio.create_student()
        sent = 0
        boundary = "studio-boundary"

        async def endless_pdf() -> Any:
            # No Content-Length: the body announces nothing and would go on for 50 times the limit.
            nonlocal sent
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
                "Content-Type: application/pdf\r\n\r\n"
            ).encode()
            chunks = [head + PDF] + [b"0" * 16384] * (limit * 50 // 16384) + [f"\r\n--{boundary}--\r\n".encode()]
            for chunk in chunks:
                sent += len(chunk)
                yield chunk

        response = await studio.client.post(
            f"/students/{student['id']}/documents",
            content=endless_pdf(),
            headers={**studio.admin, "Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        assert (response.status_code, response.json()["code"]) == (413, "document_too_large")
        # The service stopped reading soon after the limit (plus the multipart allowance).
        assert sent < limit + 64 * 1024 + 2 * 16384 + 1024
        listed = (await studio.client.get(f"/students/{student['id']}/documents", headers=studio.admin)).json()
        assert listed == []
