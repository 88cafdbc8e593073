"""Persistence of documents: metadata rows in SQL, bytes as files on the documents volume."""

import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Document, DocumentGrant

CHUNK = 64 * 1024
# filetype needs at most this many leading bytes to recognise a format.
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class StagedBlob:
    path: Path
    size: int
    sha256: str
    head: bytes


class BlobTooLarge(Exception):
    pass


def blob_path(root: Path, student_id: uuid.UUID, document_id: uuid.UUID) -> Path:
    return root / str(student_id) / str(document_id)


def stage_blob(source: BinaryIO, root: Path, max_bytes: int) -> StagedBlob:
    """Copy an upload into a temporary file on the volume, hashing it and stopping past the limit."""
    root.mkdir(parents=True, exist_ok=True)
    staging = root / f".upload-{uuid.uuid4().hex}"
    digest = hashlib.sha256()
    size = 0
    head = b""
    try:
        with staging.open("wb") as target:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise BlobTooLarge()
                if len(head) < SNIFF_BYTES:
                    head += chunk[: SNIFF_BYTES - len(head)]
                digest.update(chunk)
                target.write(chunk)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    return StagedBlob(staging, size, digest.hexdigest(), head)


def discard_blob(staged: StagedBlob) -> None:
    staged.path.unlink(missing_ok=True)


def keep_blob(staged: StagedBlob, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged.path, target)


def delete_blob(path: Path) -> None:
    path.unlink(missing_ok=True)


async def add_document(session: AsyncSession, document: Document) -> Document:
    session.add(document)
    await session.flush()
    return document


async def get_document(session: AsyncSession, student_id: uuid.UUID, document_id: uuid.UUID) -> Document | None:
    return await session.scalar(select(Document).where(Document.id == document_id, Document.student_id == student_id))


async def list_documents(session: AsyncSession, student_id: uuid.UUID) -> list[Document]:
    query = select(Document).where(Document.student_id == student_id).order_by(Document.created_at.desc())
    return list((await session.scalars(query)).all())


async def delete_document(session: AsyncSession, document: Document) -> None:
    await session.execute(delete(Document).where(Document.id == document.id))


async def has_grant(session: AsyncSession, student_id: uuid.UUID, teacher_id: uuid.UUID) -> bool:
    query = select(DocumentGrant.teacher_id).where(
        DocumentGrant.student_id == student_id, DocumentGrant.teacher_id == teacher_id
    )
    return (await session.execute(query)).first() is not None


async def add_grant(session: AsyncSession, student_id: uuid.UUID, teacher_id: uuid.UUID, granted_by: str) -> None:
    statement = insert(DocumentGrant).values(student_id=student_id, teacher_id=teacher_id, granted_by=granted_by)
    await session.execute(statement.on_conflict_do_nothing())


async def remove_grant(session: AsyncSession, student_id: uuid.UUID, teacher_id: uuid.UUID) -> None:
    await session.execute(
        delete(DocumentGrant).where(DocumentGrant.student_id == student_id, DocumentGrant.teacher_id == teacher_id)
    )


async def list_grants(session: AsyncSession, student_id: uuid.UUID) -> list[uuid.UUID]:
    query = select(DocumentGrant.teacher_id).where(DocumentGrant.student_id == student_id)
    return list((await session.execute(query.order_by(DocumentGrant.created_at))).scalars())
