"""Calling the domain services on behalf of the logged-in user, with per-call deadlines,
one transparent token refresh, and partial answers when a non-critical service is down."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

import httpx
import redis.asyncio as aioredis
from fastapi import Request

from studio_kit.errors import AppError, ServiceUnavailable
from studio_kit.http import ServiceClient

from .config import Settings
from .session.service import Session, refresh_session

logger = logging.getLogger("bff_service.downstream")


class DownstreamProblem(AppError):
    """A 4xx problem from a domain service, passed on to the browser unchanged."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(str(body.get("detail") or body.get("title") or "Request failed"))
        self.status = status
        self.code = str(body.get("code") or "downstream_error")
        self.title = str(body.get("title") or "Request failed")
        self.extra = {
            key: value for key, value in body.items()
            if key not in {"type", "status", "title", "detail", "code", "instance"}
        }


@dataclass
class Caller:
    """One browser request's view of the downstream services."""

    request: Request
    settings: Settings
    redis: aioredis.Redis
    session: Session | None

    def client(self, service: str) -> ServiceClient:
        client: ServiceClient | None = self.request.app.state.clients.get(service)
        if client is None:
            raise ServiceUnavailable(f"{service}-service is not configured.", service=service)
        return client

    async def call(
        self,
        service: str,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        as_service: bool = False,
        raw: bool = False,
    ) -> Any:
        client = self.client(service)
        clean_params = {k: v for k, v in (params or {}).items() if v is not None}
        kwargs: dict[str, Any] = {"params": clean_params, "headers": headers or {},
                                  "timeout": self.settings.downstream_timeout_seconds}
        if json is not None:
            kwargs["json"] = json
        token = None if as_service or self.session is None else self.session.access_token
        try:
            response = await client.request(method, path, token=token, as_service=as_service, **kwargs)
            if response.status_code == 401 and self.session is not None and not as_service:
                self.session = await refresh_session(
                    self.redis, self.client("auth"), self.session, self.settings.session_ttl_seconds, force=True
                )
                response = await client.request(
                    method, path, token=self.session.access_token, **kwargs
                )
        except httpx.TimeoutException as exc:
            raise ServiceUnavailable(f"{service}-service did not answer in time.", service=service) from exc
        if response.status_code >= 500:
            raise ServiceUnavailable(f"{service}-service failed.", service=service)
        if response.status_code >= 400:
            try:
                body = response.json()
            except ValueError:
                body = {}
            raise DownstreamProblem(response.status_code, body if isinstance(body, dict) else {})
        if raw:
            return response
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    async def get(self, service: str, path: str, **kwargs: Any) -> Any:
        return await self.call(service, "GET", path, **kwargs)

    async def post(self, service: str, path: str, **kwargs: Any) -> Any:
        return await self.call(service, "POST", path, **kwargs)


async def fan_out(
    calls: dict[str, Awaitable[Any]], *, critical: frozenset[str] = frozenset()
) -> tuple[dict[str, Any], list[str]]:
    """Run the calls in parallel. A failed non-critical call yields None and is named in the
    returned `degraded` list; a failed critical call fails the whole answer (503)."""
    names = list(calls)
    results = await asyncio.gather(*calls.values(), return_exceptions=True)
    values: dict[str, Any] = {}
    degraded: list[str] = []
    for name, result in zip(names, results, strict=True):
        if isinstance(result, BaseException):
            if name in critical or not isinstance(result, ServiceUnavailable | DownstreamProblem | TimeoutError):
                raise result
            logger.warning("partial answer: %s failed: %s", name, result)
            values[name] = None
            degraded.append(name)
        else:
            values[name] = result
    return values, degraded
