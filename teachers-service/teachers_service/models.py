"""Imports every domain's models so Alembic sees the whole schema."""

from .database import Base, audit_entries, inbox_messages, outbox_messages
from .payroll.models import PayrollLine, PayrollPayment
from .rates.models import TeacherRate
from .teachers.models import Teacher, TeacherFeedback

__all__ = [
    "Base",
    "PayrollLine",
    "PayrollPayment",
    "Teacher",
    "TeacherFeedback",
    "TeacherRate",
    "audit_entries",
    "inbox_messages",
    "outbox_messages",
]
