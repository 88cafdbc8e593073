"""JSON logs with the request id, health endpoints and Prometheus metrics."""

from __future__ import annotations

import asyncio
import contextvars
import logging
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from pythonjsonlogger.json import JsonFormatter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "X-Request-ID"
request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

HealthCheck = Callable[[], Awaitable[None]]
# Refreshes gauges that describe state kept elsewhere (a table, a queue) right before a scrape.
Sampler = Callable[[], Awaitable[None]]
SAMPLE_TIMEOUT_S = 2.0
logger = logging.getLogger("studio_kit.observability")


class _RequestIdFilter(logging.Filter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.service = self.service
        return True


def configure_logging(service: str, level: str = "INFO") -> None:
    """One JSON object per line on stdout, every line carrying service and request id."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(service)s %(request_id)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    )
    handler.addFilter(_RequestIdFilter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("aiormq", "aio_pika", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


class Metrics:
    """Per-app registry, so several apps can live in one process (tests) without clashes."""

    def __init__(self, service: str) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "http_requests_total",
            "HTTP requests",
            ["service", "method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "http_request_duration_seconds",
            "HTTP request latency",
            ["service", "method", "route"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )
        self.outbox_lag = Gauge(
            "outbox_pending_events",
            "Events written to the outbox and not yet published",
            ["service"],
            registry=self.registry,
        )
        self.outbox_published = Counter(
            "outbox_published_total", "Events published from the outbox", ["service"], registry=self.registry
        )
        self.consumer_processed = Counter(
            "consumer_events_total",
            "Events consumed",
            ["service", "event_type", "outcome"],
            registry=self.registry,
        )
        self.outbox_oldest_age = Gauge(
            "outbox_oldest_pending_age_seconds",
            "Age of the oldest event in the outbox not yet published (0 when none waits)",
            ["service"],
            registry=self.registry,
        )
        self.dead_letters = Gauge(
            "consumer_dead_letter_messages",
            "Messages waiting in the consumer's dead-letter queue",
            ["service"],
            registry=self.registry,
        )
        self.service = service
        self.samplers: list[Sampler] = []

    async def sample(self) -> None:
        """Run every sampler (each bounded in time); a failing one leaves its gauge as it was."""

        async def run(sampler: Sampler) -> None:
            try:
                await asyncio.wait_for(sampler(), SAMPLE_TIMEOUT_S)
            except Exception as exc:  # noqa: BLE001 - a scrape must answer even when a source is down
                logger.warning("metrics sampler %s failed: %s", getattr(sampler, "__name__", sampler), exc)

        await asyncio.gather(*(run(sampler) for sampler in self.samplers))


class RequestContextMiddleware:
    """Takes or makes the request id, echoes it back, and records request metrics."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if 0 < len(incoming) <= 128 else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status_holder = {"status": 500}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            route_path = getattr(route, "path", None) or "unmatched"
            method = scope.get("method", "GET")
            self.metrics.requests.labels(self.metrics.service, method, route_path, str(status_holder["status"])).inc()
            self.metrics.latency.labels(self.metrics.service, method, route_path).observe(time.perf_counter() - started)
            request_id_var.reset(token)


def health_router(checks: dict[str, HealthCheck], metrics: Metrics, *, timeout: float = 2.0) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/health/live")
    async def live() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/health/ready")
    async def ready() -> JSONResponse:
        async def run(name: str, check: HealthCheck) -> tuple[str, str | None]:
            try:
                await asyncio.wait_for(check(), timeout)
            except Exception as exc:  # noqa: BLE001 - any failure means "down"
                return name, f"{type(exc).__name__}: {exc}"[:200]
            return name, None

        results = await asyncio.gather(*(run(name, check) for name, check in checks.items()))
        down = {name: error for name, error in results if error is not None}
        body: dict[str, Any] = {
            "status": "ok" if not down else "unavailable",
            "checks": {name: ("down" if name in down else "ok") for name in checks},
        }
        if down:
            body["down"] = sorted(down)
            body["errors"] = down
        return JSONResponse(body, status_code=200 if not down else 503)

    @router.get("/metrics")
    async def prometheus_metrics() -> Response:
        await metrics.sample()
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return router


def current_request_id(request: Request | None = None) -> str | None:
    return request_id_var.get()
