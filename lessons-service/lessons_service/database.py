"""The service's declarative base, the outbox and inbox tables of its events, the audit trail and the
Idempotency-Key replay table (studio_kit.idempotency)."""

from sqlalchemy.orm import DeclarativeBase

from studio_kit.audit import Audit, audit_entry_table
from studio_kit.db import TYPE_ANNOTATION_MAP, service_metadata
from studio_kit.idempotency import Idempotency, idempotency_table
from studio_kit.messaging import Outbox, inbox_table, outbox_table


class Base(DeclarativeBase):
    metadata = service_metadata()
    type_annotation_map = TYPE_ANNOTATION_MAP


outbox_messages = outbox_table(Base.metadata)
inbox_messages = inbox_table(Base.metadata)
outbox = Outbox(outbox_messages, source="lessons-service")
# Staff writes, recorded once in the write's transaction (studio_kit.audit, ADR 0120).
audit_entries = audit_entry_table(Base.metadata)
audit = Audit(audit_entries, outbox)
# A booking's first answer, replayed for a retry with the same Idempotency-Key.
idempotency_records = idempotency_table(Base.metadata)
idempotency = Idempotency(idempotency_records)
