"""What every typed client shares: the caller, the service name and validation at the boundary."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

import httpx
from pydantic import TypeAdapter, ValidationError

from studio_kit.errors import ServiceUnavailable
from studio_kit.observability import REQUEST_ID_HEADER, request_id_var

from ..downstream import Caller

T = TypeVar("T")
logger = logging.getLogger("bff_service.clients")
# A streamed download's read may wait this long for the owner to write (a large XLSX).
STREAM_READ_TIMEOUT_SECONDS = 120.0


_adapters: dict[Any, TypeAdapter[Any]] = {}


def _adapter(shape: Any) -> TypeAdapter[Any]:
    """One adapter per shape: building one compiles a validator, so it is done once."""
    adapter = _adapters.get(shape)
    if adapter is None:
        adapter = _adapters[shape] = TypeAdapter(shape)
    return adapter


class ServiceApi:
    """One domain service, as the logged-in user (or the BFF itself) calls it."""

    service: ClassVar[str]

    def __init__(self, caller: Caller) -> None:
        self.caller = caller

    def _parse(self, shape: type[T], body: Any) -> T:
        try:
            value: T = _adapter(shape).validate_python(body)
        except ValidationError as exc:
            logger.error("%s-service answered an unexpected body: %s", self.service, exc)
            raise ServiceUnavailable(
                f"{self.service}-service answered an unexpected body.", service=self.service
            ) from exc
        return value

    async def _get(
        self,
        shape: type[T],
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        as_service: bool = False,
        headers: Mapping[str, str] | None = None,
        deadline: float | None = None,
    ) -> T:
        body = await self.caller.call(
            self.service, "GET", path, params=params, headers=headers, as_service=as_service, deadline=deadline
        )
        return self._parse(shape, body)

    async def _send(
        self,
        shape: type[T],
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        as_service: bool = False,
        headers: Mapping[str, str] | None = None,
        deadline: float | None = None,
    ) -> T:
        body = await self.caller.call(
            self.service,
            method,
            path,
            json=json,
            params=params,
            headers=headers,
            as_service=as_service,
            deadline=deadline,
        )
        return self._parse(shape, body)

    async def _send_ignoring_body(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        deadline: float | None = None,
    ) -> None:
        """A write whose answer the BFF does not use: only its success (or problem) matters."""
        await self.caller.call(self.service, method, path, json=json, params=params, headers=headers, deadline=deadline)

    async def _send_raw(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        deadline: float | None = None,
    ) -> httpx.Response:
        """The successful response itself, for the few routes whose status, headers or bytes the BFF
        reads or passes through as they came (a redirect, a replay mark, calendary's slot bytes)."""
        return await self.caller.send(
            self.service, method, path, json=json, params=params, headers=headers, deadline=deadline
        )

    async def _open_stream(self, path: str, params: Mapping[str, Any], token: str) -> httpx.Response:
        """GET `path` as a stream: status and headers read, the body left for the caller to relay
        chunk by chunk and close. No deadline for the whole download; a read may wait for the owner
        to write a large file. Problems are the caller's to read (the body is not yet there)."""
        client = self.caller.client(self.service).client
        headers = {"Authorization": f"Bearer {token}"}
        if request_id := request_id_var.get():
            headers[REQUEST_ID_HEADER] = request_id
        timeout = httpx.Timeout(STREAM_READ_TIMEOUT_SECONDS, connect=self.caller.settings.downstream_timeout_seconds)
        request = client.build_request("GET", path, params=params, headers=headers, timeout=timeout)
        try:
            return await client.send(request, stream=True)
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(f"{self.service}-service is unavailable.", service=self.service) from exc

    async def _send_once(
        self, shape: type[T], path: str, *, json: Any, idempotency_key: str | None, deadline: float | None = None
    ) -> tuple[T, bool]:
        body, replayed = await self.caller.send_once(
            self.service, path, json=json, idempotency_key=idempotency_key, deadline=deadline
        )
        return self._parse(shape, body), replayed
