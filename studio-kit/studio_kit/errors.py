"""Errors that carry their HTTP meaning, rendered as RFC 9457 `application/problem+json`."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
logger = logging.getLogger("studio_kit.errors")


class AppError(Exception):
    """Base of every expected error. Subclasses set `status`, `code` and `title`."""

    # Plain class attributes (not ClassVar) so an instance may carry another service's problem.
    status: int = 400
    code: str = "bad_request"
    title: str = "Bad request"

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        self.detail = detail or self.title
        self.extra = extra
        super().__init__(self.detail)

    def headers(self) -> dict[str, str] | None:
        return None


class BadRequest(AppError):
    pass


class Unauthorized(AppError):
    status = 401
    code = "unauthorized"
    title = "Authentication required"

    def headers(self) -> dict[str, str] | None:
        return {"WWW-Authenticate": "Bearer"}


class Forbidden(AppError):
    status = 403
    code = "forbidden"
    title = "Not allowed"


class NotFound(AppError):
    status = 404
    code = "not_found"
    title = "Not found"


class Conflict(AppError):
    status = 409
    code = "conflict"
    title = "Conflict"


class Gone(AppError):
    status = 410
    code = "gone"
    title = "Gone"


class PayloadTooLarge(AppError):
    status = 413
    code = "payload_too_large"
    title = "Payload too large"


class UnsupportedMediaType(AppError):
    status = 415
    code = "unsupported_media_type"
    title = "Unsupported media type"


class UnprocessableEntity(AppError):
    """A well-formed request that breaks a business rule."""

    status = 422
    code = "unprocessable"
    title = "Request cannot be processed"


class TooManyRequests(AppError):
    status = 429
    code = "rate_limited"
    title = "Too many requests"

    def __init__(self, detail: str | None = None, *, retry_after: int = 60, **extra: Any) -> None:
        super().__init__(detail, retry_after=retry_after, **extra)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str] | None:
        return {"Retry-After": str(self.retry_after)}


class ServiceUnavailable(AppError):
    status = 503
    code = "service_unavailable"
    title = "A required service is unavailable"


class DatabaseUnavailable(ServiceUnavailable):
    code = "database_unavailable"
    title = "The database is unavailable"


# SQLSTATE classes that mean "the database is not there right now", not "this request is wrong":
# connection exceptions, operator intervention (shutdown, cannot connect now), a database that
# refuses connections (ALLOW_CONNECTIONS false) or does not exist, a server out of connection slots.
_OUTAGE_SQLSTATES = ("08", "57P", "55000", "3D000", "53300")


def is_database_outage(exc: BaseException) -> bool:
    if isinstance(exc, DBAPIError):
        state = str(getattr(exc.orig, "sqlstate", "") or "")
        return bool(exc.connection_invalidated) or state.startswith(_OUTAGE_SQLSTATES)
    return isinstance(exc, ConnectionError)


def is_unstorable_value(exc: BaseException) -> bool:
    """A value the database refused to store or compare (SQLSTATE class 22, data exception: a
    number out of range, text it cannot encode): the request's fault, never the service's."""
    if isinstance(exc, DataError):
        return True
    if isinstance(exc, DBAPIError):
        return str(getattr(exc.orig, "sqlstate", "") or "").startswith("22")
    return False


def problem_response(
    status: int,
    code: str,
    title: str,
    detail: str,
    *,
    instance: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"https://studio.local/problems/{code}",
        "status": status,
        "title": title,
        "detail": detail,
        "code": code,
    }
    if instance:
        body["instance"] = instance
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=dict(headers) if headers else None)


_STATUS_CODES = {
    400: ("bad_request", "Bad request"),
    401: ("unauthorized", "Authentication required"),
    403: ("forbidden", "Not allowed"),
    404: ("not_found", "Not found"),
    405: ("method_not_allowed", "Method not allowed"),
    406: ("not_acceptable", "Not acceptable"),
    409: ("conflict", "Conflict"),
    413: ("payload_too_large", "Payload too large"),
    415: ("unsupported_media_type", "Unsupported media type"),
    429: ("rate_limited", "Too many requests"),
}


def install_error_handlers(app: FastAPI) -> None:
    """Render every error the same way: problem+json with a stable `code`."""

    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> JSONResponse:
        return problem_response(
            exc.status,
            exc.code,
            exc.title,
            exc.detail,
            instance=request.url.path,
            headers=exc.headers(),
            **exc.extra,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
            for err in exc.errors()
        ]
        return problem_response(
            422,
            "validation_error",
            "Invalid request",
            "The request does not match the expected format.",
            instance=request.url.path,
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, title = _STATUS_CODES.get(exc.status_code, ("http_error", "HTTP error"))
        detail = exc.detail if isinstance(exc.detail, str) else title
        return problem_response(exc.status_code, code, title, detail, instance=request.url.path, headers=exc.headers)

    @app.exception_handler(DBAPIError)
    @app.exception_handler(ConnectionError)
    async def _database_error(request: Request, exc: Exception) -> JSONResponse:
        if is_unstorable_value(exc):
            # Field types should have refused the value; this is the net under them.
            logger.warning("value refused by the database: %s", exc, extra={"path": request.url.path})
            return problem_response(
                422,
                "invalid_value",
                "Invalid value",
                "A value in the request is out of the range the service can store.",
                instance=request.url.path,
            )
        if not is_database_outage(exc):
            return await _unexpected(request, exc)
        logger.warning("database unavailable: %s", exc)
        return problem_response(
            503,
            DatabaseUnavailable.code,
            DatabaseUnavailable.title,
            "The service's database is unavailable; try again shortly.",
            instance=request.url.path,
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error", extra={"path": request.url.path})
        return problem_response(
            500,
            "internal_error",
            "Internal error",
            "Something went wrong on our side.",
            instance=request.url.path,
        )
