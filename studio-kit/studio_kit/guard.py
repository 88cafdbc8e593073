"""The request guard: text no field may store never reaches a route.

PostgreSQL refuses NUL in text outright and a lone surrogate cannot be encoded as UTF-8, so
either in any JSON string, query parameter or path segment used to end in a 500 deep inside a
repository. Every service refuses them here, once, with the same 422 `validation_error` a
malformed payload gets, so no route can repeat the mistake. JSON strings may keep line breaks
(CR, LF) and tabs (multi-line fields exist); one-line fields refuse those with the kit's `SingleLineText`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import problem_response
from .types import MULTILINE_CONTROLS, forbidden_character

Location = list[str | int]
# A multi-line field may arrive with CRLF line ends; `MultiLineText` turns them into LF.
JSON_TEXT_CONTROLS = MULTILINE_CONTROLS | {"\r"}


class TextGuardMiddleware:
    def __init__(self, app: ASGIApp, *, exempt_paths: Sequence[str] = ()) -> None:
        self.app = app
        self.exempt_paths = tuple(exempt_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (self.exempt_paths and scope["path"].startswith(self.exempt_paths)):
            await self.app(scope, receive, send)
            return
        problem = _check_path(scope["path"]) or _check_query(scope.get("query_string", b""))
        if problem is None and _is_json(scope):
            body, more = await _read_body(receive)
            problem = _check_json(body)
            receive = _replay(body, more, receive)
        if problem is None:
            await self.app(scope, receive, send)
            return
        location, char = problem
        response = problem_response(
            422,
            "validation_error",
            "Invalid request",
            "The request does not match the expected format.",
            instance=scope["path"],
            errors=[
                {
                    "loc": location,
                    "msg": f"must not contain control characters (found U+{ord(char):04X})",
                    "type": "control_character",
                }
            ],
        )
        await response(scope, receive, send)


def _check_path(path: str) -> tuple[Location, str] | None:
    char = forbidden_character(path)
    return (["path"], char) if char is not None else None


def _check_query(raw: bytes) -> tuple[Location, str] | None:
    for name, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
        char = forbidden_character(name) or forbidden_character(value)
        if char is not None:
            return ["query", name], char
    return None


def _is_json(scope: Scope) -> bool:
    for key, value in scope.get("headers", ()):
        if key == b"content-type":
            media_type: bytes = value.split(b";", 1)[0].strip().lower()
            return media_type == b"application/json" or media_type.endswith(b"+json")
    return False


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    """The whole body, and whether the client is still connected (a disconnect seen while
    reading is replayed to the app as such)."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), False
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), True


def _replay(body: bytes, connected: bool, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        if not connected:
            return {"type": "http.disconnect"}
        return await receive()

    return replay


def _check_json(body: bytes) -> tuple[Location, str] | None:
    try:
        document = json.loads(body)
    except ValueError:
        return None  # malformed JSON: FastAPI answers it with its own 422
    stack: list[tuple[Location, Any]] = [(["body"], document)]
    while stack:
        location, value = stack.pop()
        if isinstance(value, str):
            char = forbidden_character(value, JSON_TEXT_CONTROLS)
            if char is not None:
                return location, char
        elif isinstance(value, dict):
            for key, item in value.items():
                char = forbidden_character(key)
                if char is not None:
                    return location, char
                stack.append(([*location, key], item))
        elif isinstance(value, list):
            stack.extend(([*location, index], item) for index, item in enumerate(value))
    return None
