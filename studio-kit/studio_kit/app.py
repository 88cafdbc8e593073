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
from .messaging import Broker, Consumer, EventHandler, OutboxRelay, outbox_channel
from .messaging.probes import dead_letter_sampler, outbox_age_sampler
from .observability import HealthCheck, Metrics, RequestContextMiddleware, configure_logging, health_router
from .wakeup import Waker

logger = logging.getLogger("studio_kit.app")

Hook = Callable[[FastAPI], Awaitable[None]]
BackgroundTask = Callable[[FastAPI, asyncio.Event], Coroutine[Any, Any, None]]


@dataclass
class Messaging:
    """What a service publishes (outbox table) and consumes (inbox table + handlers)."""

    outbox: Table | None = None
    inbox: Table | None = None
    handlers: dict[str, EventHandler] = field(default_factory=dict)
    max_attempts: int = 5
    backoff: Sequence[float] = (1.0, 5.0, 30.0, 120.0, 600.0)


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
    messaging = messaging or Messaging()
    checks: dict[str, HealthCheck] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        stop = asyncio.Event()
        tasks: list[asyncio.Task[Any]] = []
        state = app.state
        state.settings = settings
        state.metrics = metrics
        metrics.samplers.clear()  # a lifespan registers its own (tests start one app several times)
        state.database = None
        state.redis = None
        state.broker = None
        state.token_verifier = None
        state.token_provider = None
        state.clients = {}
        state.consumer = None
        state.relay = None
        state.waker = None

        if settings.database_url is not None:
            state.database = Database(
                settings.database_url, pool_size=settings.db_pool_size, max_overflow=settings.db_max_overflow
            )
            # One LISTEN connection wakes the outbox relay and the service's own workers on commit.
            channels = [*([outbox_channel(messaging.outbox)] if messaging.outbox is not None else []), *wake_channels]
            if channels:
                state.waker = Waker(state.database, channels)
                tasks.append(asyncio.create_task(state.waker.run(stop)))

        if settings.redis_url and use_redis:
            state.redis = aioredis.from_url(settings.redis_url, decode_responses=True)

        if settings.auth_jwks_url:
            jwks = JWKSCache(settings.auth_jwks_url)
            state.token_verifier = TokenVerifier(jwks, issuer=settings.jwt_issuer, audience=settings.jwt_audience)

        if settings.service_client_id and settings.auth_service_url:
            state.token_provider = ServiceTokenProvider(
                settings.auth_service_url.rstrip("/") + "/oauth/token",
                settings.service_client_id,
                settings.service_client_secret.get_secret_value(),
                scope=service_scope,
            )
        for name, base_url in (downstreams or {}).items():
            if base_url:
                state.clients[name] = ServiceClient(
                    name, base_url, timeout=settings.http_timeout_seconds, token_provider=state.token_provider
                )

        if settings.rabbitmq_url:
            state.broker = Broker(settings.rabbitmq_url, settings.events_exchange)
            connected = True
            try:
                await state.broker.connect()
            except Exception as exc:  # noqa: BLE001 - start anyway; /health/ready reports it
                logger.warning("RabbitMQ not reachable at start-up, retrying in the background: %s", exc)
                connected = False
                tasks.append(asyncio.create_task(state.broker.connect_with_retry(stop)))
            if messaging.outbox is not None and state.database is not None:
                state.relay = OutboxRelay(
                    state.database,
                    messaging.outbox,
                    state.broker,
                    metrics=metrics,
                    poll_interval=settings.outbox_poll_interval_seconds,
                    wake_event=state.waker.event(outbox_channel(messaging.outbox)) if state.waker else None,
                )
                tasks.append(asyncio.create_task(state.relay.run_forever(stop)))
                metrics.samplers.append(outbox_age_sampler(state.database, messaging.outbox, metrics))
            if messaging.handlers and messaging.inbox is not None and state.database is not None:
                state.consumer = Consumer(
                    settings.service_name,
                    state.database,
                    messaging.inbox,
                    state.broker,
                    messaging.handlers,
                    max_attempts=messaging.max_attempts,
                    backoff=messaging.backoff,
                    metrics=metrics,
                    queue_prefix=settings.events_queue_prefix,
                    queue_expires_ms=settings.events_queue_expires_ms,
                )
                metrics.samplers.append(
                    dead_letter_sampler(state.broker, state.consumer.dead_letter_queue_name, metrics)
                )
                if connected:
                    await state.consumer.start()
                else:
                    tasks.append(asyncio.create_task(state.consumer.start_with_retry(stop)))

        for hook in startup:
            await hook(app)
        for task_factory in background:
            tasks.append(asyncio.create_task(task_factory(app, stop)))
        logger.info("%s started", settings.service_name)
        try:
            yield
        finally:
            stop.set()
            if state.relay is not None:
                state.relay.wake()
            for hook in shutdown:
                with contextlib.suppress(Exception):
                    await hook(app)
            if state.consumer is not None:
                await state.consumer.stop()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            for client in state.clients.values():
                await client.aclose()
            if state.token_provider is not None:
                await state.token_provider.aclose()
            if state.broker is not None:
                await state.broker.close()
            if state.redis is not None:
                await state.redis.aclose()
            if state.database is not None:
                await state.database.dispose()

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
