"""The service's declarative base, and the outbox and inbox tables of its events."""

from studio_kit.db import new_base
from studio_kit.messaging import Outbox, inbox_table, outbox_table

Base = new_base()
outbox_messages = outbox_table(Base.metadata)
inbox_messages = inbox_table(Base.metadata)
outbox = Outbox(outbox_messages, source="lessons-service")
