"""Calling the domain services on behalf of the logged-in user: a deadline per call (retries
included), one transparent token refresh, domain problems passed through, and partial answers when
a non-critical service is down."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, get_args

import httpx
import redis.asyncio as aioredis
from fastapi import Request

from studio_kit.errors import AppError, ServiceUnavailable
from studio_kit.http import DownstreamProblem, ServiceClient, problem_body, raise_for_problem
from studio_kit.idempotency import IDEMPOTENCY_HEADER
from studio_kit.idempotency import IdempotencyKey as OptionalIdempotencyKey

from .config import Settings
from .session.service import Session, refresh_session

logger = logging.getLogger("bff_service.downstream")

REPLAYED_HEADER = "Idempotent-Replayed"

IdempotencyKey = Annotated[str, get_args(OptionalIdempotencyKey)[1]]
"""The kit's Idempotency-Key header (the services' 8-200 characters, the same description),
required: every keyed write of the web app sends one, and a request without it is refused with 422
`validation_error` before anything is written."""


def service_of(error: BaseException) -> str | None:
    """The downstream a failure came from, when it says so."""
    if isinstance(error, DownstreamProblem) and error.service:
        return error.service
    if isinstance(error, AppError):
        service = error.extra.get("service")
        return str(service) if service else None
    return None


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

    @property
    def user_id(self) -> str:
        if self.session is None:
            raise RuntimeError("an anonymous caller has no user")
        return self.session.user_id

    @property
    def role(self) -> str:
        return self.session.role if self.session is not None else "anonymous"

    async def call(
        self,
        service: str,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        as_service: bool = False,
        deadline: float | None = None,
    ) -> Any:
        """Send one call and return its JSON body (None for 204). 4xx → DownstreamProblem;
        5xx, transport errors and a missed deadline → 503 naming the service."""
        response = await self.send(
            service, method, path, json=json, params=params, headers=headers, as_service=as_service, deadline=deadline
        )
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    async def send(
        self,
        service: str,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        as_service: bool = False,
        deadline: float | None = None,
        follow_redirects: bool = False,
        content: bytes | None = None,
    ) -> httpx.Response:
        """Like `call`, but return the successful response itself (status, headers, redirects);
        `content` sends a raw body (an upload passed through as it came)."""
        client = self.client(service)
        limit = deadline or self.settings.downstream_timeout_seconds
        kwargs: dict[str, Any] = {
            "params": {key: value for key, value in (params or {}).items() if value is not None},
            "headers": dict(headers or {}),
            "timeout": limit,
            "follow_redirects": follow_redirects,
        }
        if json is not None:
            kwargs["json"] = json
        if content is not None:
            kwargs["content"] = content
        try:
            # The kit retries idempotent calls; the deadline bounds the whole attempt, retries included.
            async with asyncio.timeout(limit):
                response = await self._send_with_refresh(client, method, path, as_service, kwargs)
        except TimeoutError as exc:
            raise ServiceUnavailable(f"{service}-service did not answer in time.", service=service) from exc
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(f"{service}-service is unavailable.", service=service) from exc
        if response.status_code >= 500:
            body = problem_body(response)
            if response.status_code == 503 and body.get("code") not in (None, "service_unavailable"):
                raise DownstreamProblem(503, {**body, "service": service}, service=service)
            raise ServiceUnavailable(f"{service}-service failed.", service=service)
        raise_for_problem(response, service=service)
        return response

    async def send_once(
        self,
        service: str,
        path: str,
        *,
        idempotency_key: str | None,
        json: Any = None,
        deadline: float | None = None,
    ) -> tuple[Any, bool]:
        """POST a write the service makes once per Idempotency-Key: the browser's key goes
        downstream in the one header every service reads (studio_kit.idempotency), and a replay
        comes back marked. Returns (body, replayed)."""
        headers = {IDEMPOTENCY_HEADER: idempotency_key} if idempotency_key is not None else None
        response = await self.send(service, "POST", path, json=json, headers=headers, deadline=deadline)
        return response.json(), response.headers.get(REPLAYED_HEADER) == "true"

    async def refresh_session(self) -> Session:
        """A fresh access token for this caller's session (it expired or was rotated downstream)."""
        if self.session is None:
            raise RuntimeError("an anonymous caller has no session to refresh")
        self.session = await refresh_session(
            self.redis, self.client("auth"), self.session, self.settings.session_ttl_seconds, force=True
        )
        return self.session

    async def _send_with_refresh(
        self, client: ServiceClient, method: str, path: str, as_service: bool, kwargs: dict[str, Any]
    ) -> httpx.Response:
        token = None if as_service or self.session is None else self.session.access_token
        response = await client.request(method, path, token=token, as_service=as_service, **kwargs)
        if response.status_code == 401 and self.session is not None and not as_service:
            # The access token expired (or was rotated) between our check and the call: refresh once.
            self.session = await self.refresh_session()
            response = await client.request(method, path, token=self.session.access_token, **kwargs)
        return response

    async def get(self, service: str, path: str, **kwargs: Any) -> Any:
        return await self.call(service, "GET", path, **kwargs)

    async def post(self, service: str, path: str, **kwargs: Any) -> Any:
        return await self.call(service, "POST", path, **kwargs)

    async def put(self, service: str, path: str, **kwargs: Any) -> Any:
        return await self.call(service, "PUT", path, **kwargs)

    async def patch(self, service: str, path: str, **kwargs: Any) -> Any:
        return await self.call(service, "PATCH", path, **kwargs)

    async def delete(self, service: str, path: str, **kwargs: Any) -> Any:
        return await self.call(service, "DELETE", path, **kwargs)


async def fan_out(
    calls: Mapping[str, Awaitable[Any]], *, critical: frozenset[str] = frozenset()
) -> tuple[dict[str, Any], list[str]]:
    """Run the calls in parallel. A failed non-critical call yields None and its service is named
    in the returned `degraded` list; a failed critical call fails the whole answer."""
    names = list(calls)
    results = await asyncio.gather(*calls.values(), return_exceptions=True)
    values: dict[str, Any] = {}
    degraded: set[str] = set()
    for name, result in zip(names, results, strict=True):
        if isinstance(result, BaseException):
            if name in critical or not isinstance(result, ServiceUnavailable | DownstreamProblem):
                raise result
            logger.warning("partial answer: %s failed: %s", name, result)
            values[name] = None
            degraded.add(service_of(result) or name)
        else:
            values[name] = result
    return values, sorted(degraded)
