"""Background work of each instance: fan out broadcasts, queue due reminders, deliver due messages.
Every step claims its rows with FOR UPDATE SKIP LOCKED, so any number of instances can run it."""

from __future__ import annotations

import asyncio
import logging

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
from .notifications.repository import DUE_CHANNEL
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


async def run_once(database: Database, channels: Channels, settings: Settings, config: NotifyConfig) -> int:
    """One pass of every step, each in its own transaction; returns how many rows it handled."""
    handled = 0
    async with database.sessionmaker() as session, session.begin():
        handled += await broadcast_service.fan_out_broadcasts(session, config)
    async with database.sessionmaker() as session, session.begin():
        handled += await reminder_service.queue_due_reminders(session, config)
    async with database.sessionmaker() as session, session.begin():
        handled += await notification_service.deliver_due_notifications(session, channels, settings)
    return handled


async def run_dispatcher(app: FastAPI, stop: asyncio.Event) -> None:
    settings: Settings = app.state.settings
    config = NotifyConfig.from_settings(settings)
    # Woken when a new notification commits; the poll is the fallback, and what brings reminders
    # and retries that come due by time alone.
    woken = app.state.waker.event(DUE_CHANNEL) if app.state.waker is not None else asyncio.Event()

    async def dispatch() -> bool:
        # Rows handled: more may be waiting, so the next pass runs at once.
        return await run_once(app.state.database, app.state.channels, settings, config) > 0

    await run_until_stopped(
        dispatch,
        stop,
        interval=settings.notifications_poll_interval_seconds,
        name="notification dispatcher",
        wake=woken,
        first_run=True,
        backoff=DISPATCH_BACKOFF,
    )
