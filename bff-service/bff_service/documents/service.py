"""A student's personal documents, passed through to students-service, which decides who may see
them: the admin, the student themself, and a teacher of theirs only while the student (or an
admin) grants it (403 `documents_not_granted` otherwise)."""

from __future__ import annotations

from uuid import UUID

import httpx

from ..clients.students import StudentsClient
from ..downstream import Caller
from .schemas import DocumentRead

# Headers of the stored file the browser needs; lengths and encodings are the BFF's own.
PASSED_HEADERS = ("content-type", "content-disposition", "x-content-type-options", "cache-control")


async def list_documents(caller: Caller, student_id: str) -> list[DocumentRead]:
    return await StudentsClient(caller).documents(student_id)


async def download_document(caller: Caller, student_id: str, document_id: str) -> httpx.Response:
    return await StudentsClient(caller).download_document(student_id, document_id)


async def upload_document(caller: Caller, student_id: str, body: bytes, content_type: str) -> DocumentRead:
    return await StudentsClient(caller).upload_document(student_id, body, content_type)


async def delete_document(caller: Caller, student_id: str, document_id: str) -> None:
    await StudentsClient(caller).delete_document(student_id, document_id)


async def list_grants(caller: Caller, student_id: str) -> list[UUID]:
    return await StudentsClient(caller).document_grants(student_id)


async def grant(caller: Caller, student_id: str, teacher_id: str) -> None:
    await StudentsClient(caller).grant_documents(student_id, teacher_id)


async def revoke(caller: Caller, student_id: str, teacher_id: str) -> None:
    await StudentsClient(caller).revoke_documents(student_id, teacher_id)
