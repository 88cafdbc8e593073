"""Events between services: envelope, transactional outbox, broker, idempotent consumer."""

from .broker import Broker
from .consumer import Consumer, EventHandler
from .envelope import Event
from .outbox import Outbox, OutboxRelay, inbox_table, outbox_table

__all__ = [
    "Broker",
    "Consumer",
    "Event",
    "EventHandler",
    "Outbox",
    "OutboxRelay",
    "inbox_table",
    "outbox_table",
]
