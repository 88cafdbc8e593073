"""Metadata of uploaded documents; the bytes live on the documents volume."""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import utcnow

from ..database import Base


class Document(Base):
    __tablename__ = "document"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


class DocumentGrant(Base):
    """A teacher the studio (or the student) let see the student's personal files. Teaching a
    student is not enough: the files are passports, contracts, medical notes."""

    __tablename__ = "document_grant"

    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), primary_key=True)
    teacher_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    granted_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
