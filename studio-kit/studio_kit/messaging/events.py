"""Typed events: the models a service publishes and consumes, and the handlers that receive them.

A service keeps them in two modules, found by the contract test (tests/contracts) by their path:

- `events/published.py`: one `PublishedEvent` per event type it owns, fields exactly as
  docs/events.md lists them; `outbox.add(session, Model(...))` writes one.
- `events/consumed.py`: one `ConsumedEvent` per event type it handles, with only the fields its
  handler reads (a subset of the publisher's); unknown fields are ignored.

`events/handlers.py` registers a handler per consumed model:

    HANDLERS: EventHandlers[Settings] = EventHandlers()

    @HANDLERS.on(LessonCompleted)
    async def handle_lesson_completed(event: LessonCompleted, context: EventContext[Settings]) -> None:
        await record(context.session, event, context.settings.currency)

The consumer parses `data` into the model before the handler runs: a message that does not fit is
dead-lettered and logged, never retried and never crashing the consumer.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import AsyncSession

from .envelope import Event


class PublishedEvent(BaseModel):
    """An event this service publishes: `event_type` is its routing key, `subject_field` the field
    whose value becomes the envelope's `subject` (the aggregate's id)."""

    model_config = ConfigDict(extra="forbid")

    event_type: ClassVar[str]
    subject_field: ClassVar[str | None] = None

    def subject(self) -> str | None:
        if self.subject_field is None:
            return None
        value = getattr(self, self.subject_field)
        return None if value is None else str(value)

    def envelope(self, source: str, *, subject: str | None = None, id: uuid.UUID | None = None) -> Event:
        """The envelope on the bus. The outbox builds it; a publisher without a database (tg-bot)
        builds it to publish directly, e.g. with its request id as the event id."""
        return Event(
            **({"id": id} if id is not None else {}),
            type=type(self).event_type,
            source=source,
            data=self.model_dump(mode="json"),
            subject=subject if subject is not None else self.subject(),
        )


class ConsumedEvent(BaseModel):
    """The part of another service's event a handler reads. Fields the publisher adds later are
    ignored, so publishers can grow their payloads without breaking consumers."""

    model_config = ConfigDict(extra="ignore")

    event_type: ClassVar[str]


class PermanentFailure(Exception):
    """Raised by a handler when retrying cannot help (e.g. the recipient blocked the bot): the
    consumer dead-letters the message at once instead of retrying it."""


SettingsT = TypeVar("SettingsT")
ModelT = TypeVar("ModelT", bound=ConsumedEvent)


@dataclass(frozen=True)
class EventContext(Generic[SettingsT]):
    """What a handler gets besides the parsed event: the service's settings, the envelope (id, type,
    time, source, subject), the app's state (Redis, downstream clients, the bot runtime...) and, for
    a consumer with a database, the session of the inbox transaction."""

    settings: SettingsT
    envelope: Event
    state: Any = None
    db_session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        if self.db_session is None:
            raise RuntimeError("this consumer has no database: its handlers get no session")
        return self.db_session


TypedHandler = Callable[[Any, EventContext[Any]], Awaitable[None]]


@dataclass(frozen=True)
class Route:
    event_type: str
    model: type[ConsumedEvent]
    handler: Callable[..., Awaitable[None]]


class EventHandlers(Generic[SettingsT]):
    """A service's handlers, one per consumed event type."""

    def __init__(self) -> None:
        self._routes: dict[str, Route] = {}

    def on(
        self, model: type[ModelT]
    ) -> Callable[
        [Callable[[ModelT, EventContext[SettingsT]], Awaitable[None]]],
        Callable[[ModelT, EventContext[SettingsT]], Awaitable[None]],
    ]:
        """Register the decorated function as the handler of `model.event_type`."""
        event_type = getattr(model, "event_type", None)
        if not isinstance(event_type, str):
            raise TypeError(f"{model.__name__} has no event_type")

        def register(
            handler: Callable[[ModelT, EventContext[SettingsT]], Awaitable[None]],
        ) -> Callable[[ModelT, EventContext[SettingsT]], Awaitable[None]]:
            self._add(Route(event_type, model, handler))
            return handler

        return register

    def _add(self, route: Route) -> None:
        if route.event_type in self._routes:
            raise ValueError(f"two handlers for {route.event_type!r}")
        self._routes[route.event_type] = route

    def get(self, event_type: str) -> Route | None:
        return self._routes.get(event_type)

    def routes(self) -> list[Route]:
        return list(self._routes.values())

    def models(self) -> dict[str, type[ConsumedEvent]]:
        return {t: r.model for t, r in self._routes.items()}

    def __iter__(self) -> Iterator[str]:
        return iter(self._routes)

    def __contains__(self, event_type: object) -> bool:
        return event_type in self._routes

    def __len__(self) -> int:
        return len(self._routes)

    def __bool__(self) -> bool:
        return bool(self._routes)
