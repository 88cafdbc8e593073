"""A student's personal documents and who may see them (students-service decides: the admin, the
student themself, a teacher only with the student's grant)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request, Response

from ..session.dependencies import AnyCaller
from . import service as document_service
from .errors import DocumentTooLarge
from .schemas import DocumentRead

router = APIRouter(prefix="/api/students/{student_id}", tags=["documents"])
# students-service holds the real limit (10 MB by default); this bounds what the BFF buffers.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024 + 64 * 1024
UPLOAD_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}
FILE_TYPES = {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}


@router.get("/documents", response_model=list[DocumentRead])
async def student_documents(student_id: UUID, caller: AnyCaller) -> Any:
    """The student's documents, newest first (403 `documents_not_granted` for a teacher without a grant)."""
    return await document_service.list_documents(caller, str(student_id))


@router.post("/documents", status_code=201, response_model=DocumentRead, openapi_extra=UPLOAD_SCHEMA)
async def upload_student_document(student_id: UUID, request: Request, caller: AnyCaller) -> Any:
    """Upload a PDF, PNG, JPEG or DOCX (multipart field `file`), passed through as it came."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_UPLOAD_BYTES:
            raise DocumentTooLarge()
    content_type = request.headers.get("content-type", "application/octet-stream")
    return await document_service.upload_document(caller, str(student_id), bytes(body), content_type)


@router.get("/documents/{document_id}", response_class=Response, responses={200: {"content": FILE_TYPES}})
async def download_student_document(student_id: UUID, document_id: UUID, caller: AnyCaller) -> Response:
    """Download one document with its stored type and name."""
    stored = await document_service.download_document(caller, str(student_id), str(document_id))
    headers = {name: stored.headers[name] for name in document_service.PASSED_HEADERS if name in stored.headers}
    return Response(content=stored.content, headers=headers)


@router.delete("/documents/{document_id}", status_code=204, response_class=Response)
async def delete_student_document(student_id: UUID, document_id: UUID, caller: AnyCaller) -> Response:
    """Delete a document (the admin, or whoever uploaded it)."""
    await document_service.delete_document(caller, str(student_id), str(document_id))
    return Response(status_code=204)


@router.get("/document-grants", response_model=list[UUID])
async def student_document_grants(student_id: UUID, caller: AnyCaller) -> Any:
    """The teachers the student lets see their documents (the student or the admin asks)."""
    return await document_service.list_grants(caller, str(student_id))


@router.put("/document-grants/{teacher_id}", status_code=204, response_class=Response)
async def grant_student_documents(student_id: UUID, teacher_id: UUID, caller: AnyCaller) -> Response:
    """Let a teacher of the student see their documents (the student or the admin)."""
    await document_service.grant(caller, str(student_id), str(teacher_id))
    return Response(status_code=204)


@router.delete("/document-grants/{teacher_id}", status_code=204, response_class=Response)
async def revoke_student_documents(student_id: UUID, teacher_id: UUID, caller: AnyCaller) -> Response:
    """Take the teacher's access to the documents back."""
    await document_service.revoke(caller, str(student_id), str(teacher_id))
    return Response(status_code=204)
