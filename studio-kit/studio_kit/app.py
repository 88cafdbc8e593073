"""`create_app(...)`: every service starts, checks its health and stops the same way."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any

import redis.asyncio as aioredis
from fastapi import APIRouter, FastAPI, Request
from sqlalchemy import Table, text

from .auth import JWKSCache, TokenVerifier
from .config import ServiceSettings
from .db import Database
from .errors import install_error_handlers
from .guard import TextGuardMiddleware
from .http import ServiceClient, ServiceTokenProvider
from .messaging import Broker, Consumer, EventHandlers, OutboxRelay, outbox_channel
from .messaging.probes import dead_letter_sampler, outbox_age_sampler
from .observability import HealthCheck, Metrics, RequestContextMiddleware, configure_logging, health_router
from .wakeup import Waker

logger = logging.getLogger("studio_kit.app")

Hook = Callable[[FastAPI], Awaitable[None]]
BackgroundTask = Callable[[FastAPI, asyncio.Event], Coroutine[Any, Any, None]]


@dataclass
class Messaging:
    """What a service publishes (outbox table) and consumes (handlers; with an inbox table the
    consumer is idempotent by event id, without one it is database-less: tg-bot, the BFF).

    `queue` names the consumer's queue (default: the service's name); `consume_when` decides at
    start-up, after the startup hooks, whether this replica consumes or only declares its queue."""

    outbox: Table | None = None
    inbox: Table | None = None
    handlers: EventHandlers[Any] = field(default_factory=EventHandlers)
    max_attempts: int = 5
    backoff: Sequence[float] = (1.0, 5.0, 30.0, 120.0, 600.0)
    queue: str | None = None
    prefetch: int = 20
    consume_when: Callable[[FastAPI], bool] | None = None


def create_app(
    settings: ServiceSettings,
    *,
    title: str,
    routers: Sequence[APIRouter] = (),
    messaging: Messaging | None = None,
    downstreams: dict[str, str | None] | None = None,
    service_scope: str = "",
    startup: Sequence[Hook] = (),
    shutdown: Sequence[Hook] = (),
    background: Sequence[BackgroundTask] = (),
    wake_channels: Sequence[str] = (),
    extra_health_checks: dict[str, HealthCheck] | None = None,
    use_redis: bool = True,
    version: str = "0.1.0",
    description: str = "",
    text_guard_exempt: Sequence[str] = (),
) -> FastAPI:
    configure_logging(settings.service_name, settings.log_level)
    metrics = Metrics(settings.service_name)
    wiring = _Wiring(
        settings=settings,
        metrics=metrics,
        messaging=messaging or Messaging(),
        downstreams=downstreams or {},
        service_scope=service_scope,
        wake_channels=tuple(wake_channels),
        use_redis=use_redis,
    )
    checks: dict[str, HealthCheck] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Each resource registers its own clean-up as it opens; they run in reverse order on exit,
        # also when a later step of the start-up fails.
        async with contextlib.AsyncExitStack() as stack:
            stop = asyncio.Event()
            tasks = _TaskGroup(stop)
            wiring.reset_state(app)
            await wiring.open_database(app, stack, tasks)
            await wiring.open_redis(app, stack)
            wiring.open_auth(app)
            await wiring.open_clients(app, stack)
            await wiring.open_messaging(app, stack, tasks)
            # Registered last, so it runs first on exit: stop the loops, then the shutdown hooks.
            stack.push_async_callback(tasks.cancel_all)
            for hook in startup:
                await hook(app)
            stack.push_async_callback(_run_hooks, shutdown, app)
            await wiring.start_consumer(app, tasks)
            for task_factory in background:
                tasks.spawn(task_factory(app, stop))
            stack.callback(tasks.signal_stop, app)
            logger.info("%s started", settings.service_name)
            yield

    app = FastAPI(
        title=title,
        version=version,
        description=description,
        lifespan=lifespan,
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    install_error_handlers(app)
    app.add_middleware(TextGuardMiddleware, exempt_paths=text_guard_exempt)
    app.add_middleware(RequestContextMiddleware, metrics=metrics)

    if settings.database_url is not None:

        async def check_database() -> None:
            async with app.state.database.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))

        checks["database"] = check_database
    if settings.rabbitmq_url:

        async def check_broker() -> None:
            await app.state.broker.check()

        checks["broker"] = check_broker
    if settings.redis_url and use_redis:

        async def check_redis() -> None:
            await app.state.redis.ping()

        checks["redis"] = check_redis
    checks.update(extra_health_checks or {})

    app.include_router(health_router(checks, metrics))
    for router in routers:
        app.include_router(router)
    return app


def get_client(request: Request, name: str) -> ServiceClient:
    client: ServiceClient | None = request.app.state.clients.get(name)
    if client is None:
        raise RuntimeError(f"downstream {name!r} is not configured")
    return client


class _TaskGroup:
    """The app's background tasks and the event that asks them to stop."""

    def __init__(self, stop: asyncio.Event) -> None:
        self.stop = stop
        self.tasks: list[asyncio.Task[Any]] = []

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        self.tasks.append(asyncio.create_task(coroutine))

    def signal_stop(self, app: FastAPI) -> None:
        self.stop.set()
        if app.state.relay is not None:
            app.state.relay.wake()

    async def cancel_all(self) -> None:
        self.stop.set()
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


async def _run_hooks(hooks: Sequence[Hook], app: FastAPI) -> None:
    for hook in hooks:
        try:
            await hook(app)
        except Exception:
            logger.warning("shutdown hook %s failed", getattr(hook, "__name__", hook), exc_info=True)


@dataclass
class _Wiring:
    """The steps of the lifespan, one per resource; each registers its own clean-up."""

    settings: ServiceSettings
    metrics: Metrics
    messaging: Messaging
    downstreams: dict[str, str | None]
    service_scope: str
    wake_channels: tuple[str, ...]
    use_redis: bool

    def reset_state(self, app: FastAPI) -> None:
        state = app.state
        state.settings = self.settings
        state.metrics = self.metrics
        self.metrics.samplers.clear()  # a lifespan registers its own (tests start one app several times)
        state.database = None
        state.redis = None
        state.broker = None
        state.token_verifier = None
        state.token_provider = None
        state.clients = {}
        state.consumer = None
        state.relay = None
        state.waker = None

    async def open_database(self, app: FastAPI, stack: contextlib.AsyncExitStack, tasks: _TaskGroup) -> None:
        settings = self.settings
        if settings.database_url is None:
            return
        database = Database(
            settings.database_url, pool_size=settings.db_pool_size, max_overflow=settings.db_max_overflow
        )
        app.state.database = database
        stack.push_async_callback(database.dispose)
        # One LISTEN connection wakes the outbox relay and the service's own workers on commit.
        outbox = self.messaging.outbox
        channels = [*([outbox_channel(outbox)] if outbox is not None else []), *self.wake_channels]
        if channels:
            app.state.waker = Waker(database, channels)
            tasks.spawn(app.state.waker.run(tasks.stop))

    async def open_redis(self, app: FastAPI, stack: contextlib.AsyncExitStack) -> None:
        if self.settings.redis_url and self.use_redis:
            app.state.redis = aioredis.from_url(self.settings.redis_url, decode_responses=True)
            stack.push_async_callback(app.state.redis.aclose)

    def open_auth(self, app: FastAPI) -> None:
        settings = self.settings
        if settings.auth_jwks_url:
            jwks = JWKSCache(settings.auth_jwks_url)
            app.state.token_verifier = TokenVerifier(jwks, issuer=settings.jwt_issuer, audience=settings.jwt_audience)

    async def open_clients(self, app: FastAPI, stack: contextlib.AsyncExitStack) -> None:
        settings = self.settings
        if settings.service_client_id and settings.auth_service_url:
            app.state.token_provider = ServiceTokenProvider(
                settings.auth_service_url.rstrip("/") + "/oauth/token",
                settings.service_client_id,
                settings.service_client_secret.get_secret_value(),
                scope=self.service_scope,
            )
            stack.push_async_callback(app.state.token_provider.aclose)
        for name, base_url in self.downstreams.items():
            if base_url:
                client = ServiceClient(
                    name, base_url, timeout=settings.http_timeout_seconds, token_provider=app.state.token_provider
                )
                app.state.clients[name] = client
                stack.push_async_callback(client.aclose)

    async def open_messaging(self, app: FastAPI, stack: contextlib.AsyncExitStack, tasks: _TaskGroup) -> None:
        settings, messaging, state = self.settings, self.messaging, app.state
        if not settings.rabbitmq_url:
            return
        state.broker = Broker(settings.rabbitmq_url, settings.events_exchange)
        stack.push_async_callback(state.broker.close)
        try:
            await state.broker.connect()
        except Exception as exc:  # noqa: BLE001 - start anyway; /health/ready reports it
            logger.warning("RabbitMQ not reachable at start-up, retrying in the background: %s", exc)
            tasks.spawn(state.broker.connect_with_retry(tasks.stop))
        if messaging.outbox is not None and state.database is not None:
            state.relay = OutboxRelay(
                state.database,
                messaging.outbox,
                state.broker,
                metrics=self.metrics,
                poll_interval=settings.outbox_poll_interval_seconds,
                wake_event=state.waker.event(outbox_channel(messaging.outbox)) if state.waker else None,
            )
            tasks.spawn(state.relay.run_forever(tasks.stop))
            self.metrics.samplers.append(outbox_age_sampler(state.database, messaging.outbox, self.metrics))
        handlers = messaging.handlers
        if not handlers:
            return
        with_inbox = messaging.inbox is not None and state.database is not None
        state.consumer = Consumer(
            messaging.queue or settings.service_name,
            state.database if with_inbox else None,
            messaging.inbox if with_inbox else None,
            state.broker,
            handlers,
            settings=settings,
            state=state,
            max_attempts=messaging.max_attempts,
            backoff=messaging.backoff,
            prefetch=messaging.prefetch,
            metrics=self.metrics,
            queue_prefix=settings.events_queue_prefix,
            queue_expires_ms=settings.events_queue_expires_ms,
        )
        stack.push_async_callback(state.consumer.stop)
        dead_letters = state.consumer.dead_letter_queue_name
        self.metrics.samplers.append(dead_letter_sampler(state.broker, dead_letters, self.metrics))

    async def start_consumer(self, app: FastAPI, tasks: _TaskGroup) -> None:
        """After the startup hooks (handlers may need what they open): bind the queue at once when the
        broker is there, so nothing published right after start-up is missed; else keep trying."""
        consumer: Consumer | None = app.state.consumer
        if consumer is None:
            return
        if self.messaging.consume_when is not None:
            consumer.consume = self.messaging.consume_when(app)
        try:
            await consumer.start()
        except Exception as exc:  # noqa: BLE001 - broker not there yet: the loop below retries
            logger.warning("consumer %s cannot start yet: %s", consumer.name, exc)
        tasks.spawn(consumer.run(tasks.stop))
