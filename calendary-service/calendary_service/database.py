"""The service's declarative base, the outbox and inbox tables of its events, and its Idempotency-Key
replay table (studio_kit.idempotency)."""

from typing import TYPE_CHECKING

from studio_kit.db import new_base
from studio_kit.idempotency import Idempotency, idempotency_table
from studio_kit.messaging import Outbox, inbox_table, outbox_table

if TYPE_CHECKING:
    from sqlalchemy.orm import DeclarativeBase

    # mypy cannot use the class new_base() returns as a base class; at runtime it is that class.
    class Base(DeclarativeBase):
        pass

else:
    Base = new_base()

outbox_messages = outbox_table(Base.metadata)
inbox_messages = inbox_table(Base.metadata)
outbox = Outbox(outbox_messages, source="calendary-service")
idempotency_records = idempotency_table(Base.metadata)
idempotency = Idempotency(idempotency_records)
