"""HTTP routes for student documents."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from starlette.datastructures import UploadFile
from starlette.types import Message, Receive

from studio_kit.auth import CurrentUser
from studio_kit.db import SessionDep

from ..config import SettingsDep
from ..students.dependencies import OwnStudent, VisibleStudent
from ..students.models import Student
from . import service as document_service
from .errors import DocumentTooLarge
from .models import Document
from .schemas import DocumentRead

router = APIRouter(prefix="/students/{student_id}/documents", tags=["documents"])
grants_router = APIRouter(prefix="/students/{student_id}/document-grants", tags=["documents"])
# Room for the multipart boundaries and headers around the file itself.
MULTIPART_OVERHEAD = 64 * 1024
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


async def documents_student(student: VisibleStudent, session: SessionDep, user: CurrentUser) -> Student:
    await document_service.check_document_access(session, student, user)
    return student


# Admin, the student themself, or a teacher of theirs holding an explicit grant.
DocumentStudent = Annotated[Student, Depends(documents_student)]


def limited_receive(receive: Receive, limit: int, max_bytes: int) -> Receive:
    """The request body, refused with 413 as soon as it passes `limit` bytes: a chunked upload
    announces no length, and the multipart parser would otherwise spool all of it first."""
    seen = 0

    async def receive_within_limit() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise DocumentTooLarge(f"The limit is {max_bytes} bytes.", max_bytes=max_bytes)
        return message

    return receive_within_limit


@router.post("", status_code=201, response_model=DocumentRead, openapi_extra=UPLOAD_SCHEMA)
async def upload_document(
    request: Request, student: DocumentStudent, session: SessionDep, user: CurrentUser, settings: SettingsDep
) -> Document:
    """Upload a PDF, PNG, JPEG or DOCX (the type is read from the content)."""
    max_bytes = settings.students_document_max_bytes
    declared = request.headers.get("content-length")
    # Refuse an announced oversize body before parsing (and spooling) any of it.
    if declared and declared.isdigit() and int(declared) > max_bytes + MULTIPART_OVERHEAD:
        raise DocumentTooLarge(f"The limit is {max_bytes} bytes.", max_bytes=max_bytes)
    body = Request(request.scope, limited_receive(request.receive, max_bytes + MULTIPART_OVERHEAD, max_bytes))
    async with body.form(max_files=1, max_fields=5) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise RequestValidationError([{"loc": ("body", "file"), "msg": "Field required", "type": "missing"}])
        return await document_service.upload_document(
            session,
            student,
            upload.file,
            upload.filename,
            user,
            root=settings.students_documents_dir,
            max_bytes=max_bytes,
        )


@router.get("", response_model=list[DocumentRead])
async def list_documents(student: DocumentStudent, session: SessionDep) -> list[Document]:
    """The student's documents, newest first."""
    return await document_service.list_documents(session, student)


@router.get("/{document_id}", response_class=FileResponse)
async def download_document(
    document_id: uuid.UUID, student: DocumentStudent, session: SessionDep, settings: SettingsDep
) -> FileResponse:
    """Download a document with its stored type and name."""
    document, path = await document_service.get_document_file(
        session, student, document_id, settings.students_documents_dir
    )
    return FileResponse(
        path,
        media_type=document.content_type,
        filename=document.filename,
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"},
    )


@router.delete("/{document_id}", status_code=204)
async def delete_document(
    document_id: uuid.UUID, student: DocumentStudent, session: SessionDep, user: CurrentUser, settings: SettingsDep
) -> Response:
    """Delete a document (admins, or whoever uploaded it)."""
    await document_service.delete_document(session, student, document_id, user, settings.students_documents_dir)
    return Response(status_code=204)


@grants_router.get("", response_model=list[uuid.UUID])
async def list_document_grants(student: OwnStudent, session: SessionDep) -> list[uuid.UUID]:
    """The teachers allowed to see this student's documents (admin or the student)."""
    return await document_service.list_granted_teachers(session, student)


@grants_router.put("/{teacher_id}", status_code=204)
async def grant_documents(
    teacher_id: uuid.UUID, student: OwnStudent, session: SessionDep, user: CurrentUser
) -> Response:
    """Let one teacher see and upload this student's documents (admin or the student)."""
    await document_service.grant_teacher(session, student, teacher_id, user)
    return Response(status_code=204)


@grants_router.delete("/{teacher_id}", status_code=204)
async def revoke_documents(teacher_id: uuid.UUID, student: OwnStudent, session: SessionDep) -> Response:
    """Take a teacher's access to this student's documents back."""
    await document_service.revoke_teacher(session, student, teacher_id)
    return Response(status_code=204)
