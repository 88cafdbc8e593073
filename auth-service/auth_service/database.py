"""The service's declarative base, and the outbox and inbox tables of its events."""

from datetime import datetime

from sqlalchemy import DateTime, MetaData
from sqlalchemy.orm import DeclarativeBase

from studio_kit.audit import Audit, audit_entry_table
from studio_kit.db import NAMING_CONVENTION
from studio_kit.messaging import Outbox, inbox_table, outbox_table


# Spelled out rather than `new_base()`: mypy cannot use a function's returned class as a base.
class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: DateTime(timezone=True)}


outbox_messages = outbox_table(Base.metadata)
inbox_messages = inbox_table(Base.metadata)
outbox = Outbox(outbox_messages, source="auth-service")
# Staff writes, recorded once in the write's transaction (studio_kit.audit, ADR 0120).
audit_entries = audit_entry_table(Base.metadata)
audit = Audit(audit_entries, outbox)
