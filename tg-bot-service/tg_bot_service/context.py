"""What every handler receives besides the update (aiogram injects it as `ctx`). Its own module so
that the feature routers and the bot's assembly depend on it, not on each other."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI
from redis.asyncio import Redis

from studio_kit.messaging import Broker

from .clients import Clients
from .config import Settings


@dataclass
class BotContext:
    """What handlers need besides the update; injected by aiogram as the `ctx` argument."""

    settings: Settings
    redis: Redis
    clients: Clients
    app: FastAPI

    @property
    def broker(self) -> Broker | None:
        broker: Broker | None = self.app.state.broker
        return broker
