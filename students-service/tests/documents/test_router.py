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
