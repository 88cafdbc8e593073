"""Opening an owner's export as a stream: the status and headers are read (a problem is passed on
as usual), the body is left unread for the response to relay chunk by chunk."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from studio_kit.errors import ServiceUnavailable
from studio_kit.observability import REQUEST_ID_HEADER, request_id_var

from ..downstream import Caller, DownstreamProblem
from ..session.service import refresh_session

READ_TIMEOUT_SECONDS = 120.0
OWNERS = {"payments": "students", "ledger": "students", "students": "students", "attendance": "lessons"}


async def _open(caller: Caller, service: str, path: str, params: Mapping[str, Any], token: str) -> httpx.Response:
    client = caller.client(service).client
    headers = {"Authorization": f"Bearer {token}"}
    if request_id := request_id_var.get():
        headers[REQUEST_ID_HEADER] = request_id
    # No deadline for the whole download: it takes as long as it streams. A read may wait for the
    # owner to write a large XLSX (no bytes until the workbook is saved).
    timeout = httpx.Timeout(READ_TIMEOUT_SECONDS, connect=caller.settings.downstream_timeout_seconds)
    request = client.build_request("GET", path, params=params, headers=headers, timeout=timeout)
    try:
        return await client.send(request, stream=True)
    except httpx.HTTPError as exc:
        raise ServiceUnavailable(f"{service}-service is unavailable.", service=service) from exc


async def open_export(caller: Caller, kind: str, params: Mapping[str, Any]) -> httpx.Response:
    """The owner's streamed response, its body unread; the caller must close it."""
    service = OWNERS[kind]
    path = f"/exports/{kind}"
    session = caller.session
    if session is None:
        raise RuntimeError("an export needs a signed-in caller")
    response = await _open(caller, service, path, params, session.access_token)
    if response.status_code == 401:
        # The access token expired between our check and the call: refresh once, as every call does.
        await response.aclose()
        caller.session = await refresh_session(
            caller.redis, caller.client("auth"), session, caller.settings.session_ttl_seconds, force=True
        )
        response = await _open(caller, service, path, params, caller.session.access_token)
    if response.status_code >= 400:
        await response.aread()
        await response.aclose()
        if response.status_code >= 500:
            raise ServiceUnavailable(f"{service}-service failed.", service=service)
        try:
            body = response.json()
        except ValueError:
            body = {}
        raise DownstreamProblem(response.status_code, body if isinstance(body, dict) else {}, service=service)
    return response
