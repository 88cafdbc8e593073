"""Document rules: size limit, type sniffed from the content (never the name), checksum, access."""

import asyncio
import re
import uuid
from pathlib import Path
from typing import BinaryIO

import filetype
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.errors import Forbidden

from ..students.models import Student
from ..students.service import principal_uuid
from . import repository as document_repository
from .errors import DocumentNotFound, DocumentsNotGranted, DocumentTooLarge, DocumentTypeNotAllowed
from .models import Document

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED_TYPES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", DOCX: "docx"}
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")


def clean_filename(name: str | None, extension: str) -> str:
    base = _UNSAFE_NAME.sub("_", (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).strip(" .")
    return base[:200] or f"document.{extension}"


async def upload_document(
    session: AsyncSession,
    student: Student,
    source: BinaryIO,
    filename: str | None,
    principal: Principal,
    *,
    root: Path,
    max_bytes: int,
) -> Document:
    """Store an uploaded file on the volume after checking its size and real type."""
    try:
        staged = await asyncio.to_thread(document_repository.stage_blob, source, root, max_bytes)
    except document_repository.BlobTooLarge as exc:
        raise DocumentTooLarge(f"The limit is {max_bytes} bytes.", max_bytes=max_bytes) from exc
    kind = filetype.guess(staged.head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        await asyncio.to_thread(document_repository.discard_blob, staged)
        raise DocumentTypeNotAllowed(detected=kind.mime if kind else None)
    document = Document(
        id=uuid.uuid4(),
        student_id=student.id,
        filename=clean_filename(filename, ALLOWED_TYPES[kind.mime]),
        content_type=kind.mime,
        size_bytes=staged.size,
        sha256=staged.sha256,
        uploaded_by=principal.subject,
    )
    try:
        await document_repository.add_document(session, document)
        # The row commits before the file takes its place: a failed commit leaves no file behind.
        await session.commit()
    except BaseException:
        await asyncio.to_thread(document_repository.discard_blob, staged)
        raise
    target = document_repository.blob_path(root, student.id, document.id)
    await asyncio.to_thread(document_repository.keep_blob, staged, target)
    return document


async def list_documents(session: AsyncSession, student: Student) -> list[Document]:
    """The student's documents, newest first."""
    return await document_repository.list_documents(session, student.id)


async def get_document_file(
    session: AsyncSession, student: Student, document_id: uuid.UUID, root: Path
) -> tuple[Document, Path]:
    """A document and where its bytes are."""
    document = await document_repository.get_document(session, student.id, document_id)
    if document is None:
        raise DocumentNotFound()
    path = document_repository.blob_path(root, student.id, document.id)
    if not await asyncio.to_thread(path.is_file):
        raise DocumentNotFound("The document's file is missing from storage.")
    return document, path


async def delete_document(
    session: AsyncSession, student: Student, document_id: uuid.UUID, principal: Principal, root: Path
) -> None:
    """Delete a document: admins any, others only what they uploaded."""
    document = await document_repository.get_document(session, student.id, document_id)
    if document is None:
        raise DocumentNotFound()
    if principal.role != "admin" and principal.subject != document.uploaded_by:
        raise Forbidden("Only an admin or the uploader can delete this document.")
    path = document_repository.blob_path(root, student.id, document.id)
    await document_repository.delete_document(session, document)
    # The file goes only once the row's deletion committed: a failed commit keeps both.
    await session.commit()
    await asyncio.to_thread(document_repository.delete_blob, path)


async def check_document_access(session: AsyncSession, student: Student, principal: Principal) -> None:
    """Admins and the student themself; a teacher only with an explicit grant (teaching the
    student, which got them this far, is not enough)."""
    if principal.role != "teacher":
        return
    teacher_id = principal_uuid(principal)
    if teacher_id is None or not await document_repository.has_grant(session, student.id, teacher_id):
        raise DocumentsNotGranted()


async def grant_teacher(session: AsyncSession, student: Student, teacher_id: uuid.UUID, principal: Principal) -> None:
    await document_repository.add_grant(session, student.id, teacher_id, principal.subject)


async def revoke_teacher(session: AsyncSession, student: Student, teacher_id: uuid.UUID) -> None:
    await document_repository.remove_grant(session, student.id, teacher_id)


async def list_granted_teachers(session: AsyncSession, student: Student) -> list[uuid.UUID]:
    return await document_repository.list_grants(session, student.id)
