"""Delivery failures as a gauge for the alert rules: messages per channel that are failing (and will
be retried) or dead (retries exhausted), read from the delivery log at scrape time."""

from __future__ import annotations

from fastapi import FastAPI
from prometheus_client import Gauge
from sqlalchemy import func, select

from studio_kit.observability import Metrics

from .models import CHANNELS, Notification

FAILURE_STATUSES = ("failed", "dead")


async def register_delivery_metrics(app: FastAPI) -> None:
    """Startup hook: the gauge on the service's registry, refreshed by the kit before each scrape."""
    metrics: Metrics = app.state.metrics
    gauge = getattr(app.state, "delivery_gauge", None)
    if gauge is None:
        gauge = Gauge(
            "notification_deliveries",
            "Messages in the delivery log that are failing (retried later) or dead (given up)",
            ["service", "channel", "status"],
            registry=metrics.registry,
        )
        app.state.delivery_gauge = gauge

    async def notification_failures() -> None:
        query = (
            select(Notification.channel, Notification.status, func.count())
            .where(Notification.status.in_(FAILURE_STATUSES))
            .group_by(Notification.channel, Notification.status)
        )
        async with app.state.database.engine.connect() as connection:
            counts = {(channel, status): n for channel, status, n in await connection.execute(query)}
        for channel in CHANNELS:
            for status in FAILURE_STATUSES:
                gauge.labels(metrics.service, channel, status).set(counts.get((channel, status), 0))

    metrics.samplers.append(notification_failures)
