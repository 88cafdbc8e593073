"""Opening an owner's export as a stream: the status and headers are read (a problem is passed on
as usual), the body is left unread for the response to relay chunk by chunk."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from studio_kit.errors import ServiceUnavailable

from ..clients.lessons import LessonsClient
from ..clients.students import StudentsClient
from ..downstream import Caller, DownstreamProblem

OWNERS = {"payments": "students", "ledger": "students", "students": "students", "attendance": "lessons"}


async def open_export(caller: Caller, kind: str, params: Mapping[str, Any]) -> httpx.Response:
    """The owner's streamed response, its body unread; the caller must close it."""
    service = OWNERS[kind]
    owner = StudentsClient(caller) if service == "students" else LessonsClient(caller)
    session = caller.session
    if session is None:
        raise RuntimeError("an export needs a signed-in caller")
    response = await owner.open_export(kind, params, session.access_token)
    if response.status_code == 401:
        # The access token expired between our check and the call: refresh once, as every call does.
        await response.aclose()
        session = await caller.refresh_session()
        response = await owner.open_export(kind, params, session.access_token)
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
