"""HTTP routes for student documents."""

import uuid

from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from starlette.datastructures import UploadFile

from studio_kit.auth import CurrentUser
from studio_kit.db import SessionDep

from ..students.dependencies import SettingsDep, VisibleStudent
from . import service as document_service
from .errors import DocumentTooLarge
from .models import Document
from .schemas import DocumentRead

router = APIRouter(prefix="/students/{student_id}/documents", tags=["documents"])
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


@router.post("", status_code=201, response_model=DocumentRead, openapi_extra=UPLOAD_SCHEMA)
async def upload_document(
    request: Request, student: VisibleStudent, session: SessionDep, user: CurrentUser, settings: SettingsDep
) -> Document:
    """Upload a PDF, PNG, JPEG or DOCX (the type is read from the content)."""
    max_bytes = settings.students_document_max_bytes
    declared = request.headers.get("content-length")
    # Refuse an announced oversize body before parsing (and spooling) any of it.
    if declared and declared.isdigit() and int(declared) > max_bytes + MULTIPART_OVERHEAD:
        raise DocumentTooLarge(f"The limit is {max_bytes} bytes.", max_bytes=max_bytes)
    async with request.form(max_files=1, max_fields=5) as form:
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
async def list_documents(student: VisibleStudent, session: SessionDep) -> list[Document]:
    """The student's documents, newest first."""
    return await document_service.list_documents(session, student)


@router.get("/{document_id}", response_class=FileResponse)
async def download_document(
    document_id: uuid.UUID, student: VisibleStudent, session: SessionDep, settings: SettingsDep
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
    document_id: uuid.UUID, student: VisibleStudent, session: SessionDep, user: CurrentUser, settings: SettingsDep
) -> Response:
    """Delete a document (admins, or whoever uploaded it)."""
    await document_service.delete_document(session, student, document_id, user, settings.students_documents_dir)
    return Response(status_code=204)
