"""Events between services: envelope, transactional outbox, broker, idempotent consumer."""

from .broker import Broker, Unroutable
from .consumer import Consumer, EventHandler
from .envelope import Event
from .outbox import Outbox, OutboxRelay, inbox_table, outbox_channel, outbox_table

__all__ = [
    "Broker",
    "Consumer",
    "Event",
    "EventHandler",
    "Outbox",
    "OutboxRelay",
    "Unroutable",
    "inbox_table",
    "outbox_channel",
    "outbox_table",
]
