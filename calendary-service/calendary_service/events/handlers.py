"""Handlers of other services' events, one per model in consumed.py (none yet)."""

from studio_kit.messaging import EventHandlers

from ..config import Settings

HANDLERS: EventHandlers[Settings] = EventHandlers()
