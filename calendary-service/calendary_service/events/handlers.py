"""Consumers of other services' events, keyed by event type."""

from studio_kit.messaging import EventHandler

HANDLERS: dict[str, EventHandler] = {}
