"""Background work of each instance: fan out broadcasts, queue due reminders, deliver due messages.
Every step claims its rows with FOR UPDATE SKIP LOCKED, so any number of instances can run it."""

from __future__ import annotations

import asyncio
import logging
import math

import httpx
from fastapi import FastAPI

from studio_kit.db import Database
from studio_kit.loops import run_until_stopped

from .broadcasts import service as broadcast_service
from .channels.email import EmailChannel
from .channels.push import PushChannel
from .channels.sms import build_sms_channel
from .config import Settings
from .notifications import service as notification_service
from .notifications.repository import BROADCAST_CHANNEL, DUE_CHANNEL
from .notifications.service import Channels, NotifyConfig
from .reminders import service as reminder_service

logger = logging.getLogger("notifications_service.workers")
# After a failed pass (the database away): wait longer each time, up to 30 s.
DISPATCH_BACKOFF = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0)


async def open_channels(app: FastAPI) -> None:
    settings: Settings = app.state.settings
    client = httpx.AsyncClient(timeout=httpx.Timeout(settings.http_timeout_seconds, connect=2.0))
    app.state.channel_http = client
    app.state.channels = Channels(
        email=EmailChannel(settings), sms=build_sms_channel(settings, client), push=PushChannel(settings, client)
    )


async def close_channels(app: FastAPI) -> None:
    await app.state.channel_http.aclose()


async def queue_messages(database: Database, config: NotifyConfig) -> bool:
    """Turn queued broadcasts and due reminders into delivery-log rows, each step in its own
    transaction; True when a step filled its batch (more may be waiting)."""
    async with database.sessionmaker() as session, session.begin():
        broadcasts = await broadcast_service.fan_out_broadcasts(session, config)
    async with database.sessionmaker() as session, session.begin():
        reminders = await reminder_service.queue_due_reminders(session, config)
    return broadcasts >= broadcast_service.FAN_OUT_BATCH or reminders >= reminder_service.QUEUE_BATCH


async def deliver_messages(database: Database, channels: Channels, settings: Settings) -> int:
    """Send what is due, in one transaction; returns how many rows it handled."""
    async with database.sessionmaker() as session, session.begin():
        return await notification_service.deliver_due_notifications(session, channels, settings)


async def run_once(database: Database, channels: Channels, settings: Settings, config: NotifyConfig) -> int:
    """One pass of every step, each in its own transaction; returns how many rows it handled."""
    await queue_messages(database, config)
    return await deliver_messages(database, channels, settings)


async def run_dispatcher(app: FastAPI, stop: asyncio.Event) -> None:
    settings: Settings = app.state.settings
    config = NotifyConfig.from_settings(settings)
    loop = asyncio.get_running_loop()
    # Woken when a new notification commits; the poll is the fallback, and what brings reminders
    # and retries that come due by time alone.
    waker = app.state.waker
    woken = waker.event(DUE_CHANNEL) if waker is not None else asyncio.Event()
    # A new broadcast sets this as well as `woken` (see broadcasts/repository.py).
    broadcast_queued = waker.event(BROADCAST_CHANNEL) if waker is not None else None
    queued_at = -math.inf
    queue_more = False

    async def dispatch() -> bool:
        nonlocal queued_at, queue_more
        # A wake for a new message (one per booked lesson) only sends: broadcasts and reminders are
        # looked for on the poll's schedule, when one was announced, or while a batch left more.
        now = loop.time()
        announced = broadcast_queued is not None and broadcast_queued.is_set()
        if queue_more or announced or now - queued_at >= settings.notifications_poll_interval_seconds:
            if broadcast_queued is not None:
                broadcast_queued.clear()
            queue_more = await queue_messages(app.state.database, config)
            queued_at = now
        delivered = await deliver_messages(app.state.database, app.state.channels, settings)
        # A full batch: more may be waiting, so the next pass runs at once.
        return queue_more or delivered >= settings.notifications_batch_size

    await run_until_stopped(
        dispatch,
        stop,
        interval=settings.notifications_poll_interval_seconds,
        name="notification dispatcher",
        wake=woken,
        first_run=True,
        backoff=DISPATCH_BACKOFF,
    )
