"""What every typed client shares: the caller, the service name and validation at the boundary."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from pydantic import TypeAdapter, ValidationError

from studio_kit.errors import ServiceUnavailable

from ..downstream import Caller

T = TypeVar("T")
logger = logging.getLogger("bff_service.clients")


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
        self, shape: type[T], path: str, params: Mapping[str, Any] | None = None, *, as_service: bool = False
    ) -> T:
        return self._parse(shape, await self.caller.get(self.service, path, params=params, as_service=as_service))

    async def _send(
        self,
        shape: type[T],
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        as_service: bool = False,
        deadline: float | None = None,
    ) -> T:
        body = await self.caller.call(
            self.service, method, path, json=json, params=params, as_service=as_service, deadline=deadline
        )
        return self._parse(shape, body)

    async def _send_ignoring_body(
        self, method: str, path: str, *, json: Any = None, params: Mapping[str, Any] | None = None
    ) -> None:
        """A write whose answer the BFF does not use: only its success (or problem) matters."""
        await self.caller.call(self.service, method, path, json=json, params=params)

    async def _send_once(
        self, shape: type[T], path: str, *, json: Any, idempotency_key: str | None, deadline: float | None = None
    ) -> tuple[T, bool]:
        body, replayed = await self.caller.send_once(
            self.service, path, json=json, idempotency_key=idempotency_key, deadline=deadline
        )
        return self._parse(shape, body), replayed
