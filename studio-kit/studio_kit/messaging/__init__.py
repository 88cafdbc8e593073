"""Events between services: envelope, typed event models, transactional outbox, broker, consumer."""

from .broker import Broker, Unroutable
from .consumer import Consumer
from .envelope import Event
from .events import ConsumedEvent, EventContext, EventHandlers, PermanentFailure, PublishedEvent
from .outbox import Outbox, OutboxRelay, inbox_table, outbox_channel, outbox_table

__all__ = [
    "Broker",
    "ConsumedEvent",
    "Consumer",
    "Event",
    "EventContext",
    "EventHandlers",
    "Outbox",
    "OutboxRelay",
    "PermanentFailure",
    "PublishedEvent",
    "Unroutable",
    "inbox_table",
    "outbox_channel",
    "outbox_table",
]
