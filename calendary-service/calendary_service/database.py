"""The service's declarative base, the outbox and inbox tables of its events, and its Idempotency-Key
replay table (studio_kit.idempotency)."""

from sqlalchemy.orm import DeclarativeBase

from studio_kit.db import TYPE_ANNOTATION_MAP, service_metadata
from studio_kit.idempotency import Idempotency, idempotency_table
from studio_kit.messaging import Outbox, inbox_table, outbox_table


class Base(DeclarativeBase):
    metadata = service_metadata()
    type_annotation_map = TYPE_ANNOTATION_MAP


outbox_messages = outbox_table(Base.metadata)
inbox_messages = inbox_table(Base.metadata)
outbox = Outbox(outbox_messages, source="calendary-service")
idempotency_records = idempotency_table(Base.metadata)
idempotency = Idempotency(idempotency_records)
