"""Typed calls to the services the bot talks to, all made with the bot's own service token.

The bot owns no data: these clients are what a repository is for the other services."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, ValidationError

from studio_kit.errors import ServiceUnavailable
from studio_kit.http import ServiceClient, problem_body

# Everything the bot asks other services for; auth-service must grant these to its client.
SERVICE_SCOPES = "auth:telegram-link auth:read calendary:read lessons:feedback lessons:read lessons:trial-hold"


class DownstreamError(Exception):
    """A downstream answered with a client error the bot has to explain to the user."""

    def __init__(self, status: int, code: str | None) -> None:
        super().__init__(f"{status} {code or ''}".strip())
        self.status = status
        self.code = code


class _Read(BaseModel):
    model_config = ConfigDict(extra="ignore")


class LinkedAccount(_Read):
    user_id: uuid.UUID
    role: str
    first_name: str = ""


class Slot(_Read):
    starts_at: datetime
    ends_at: datetime


class TrialHold(_Read):
    hold_id: uuid.UUID
    expires_at: datetime | None = None


class LessonSummary(_Read):
    id: uuid.UUID
    kind: str = "individual"
    status: str = "scheduled"
    starts_at: datetime
    ends_at: datetime | None = None
    topic: str | None = None


def _code(response: httpx.Response) -> str | None:
    code = problem_body(response).get("code")
    return str(code) if code is not None else None


def _raise_for(response: httpx.Response) -> None:
    if response.status_code >= 500:
        raise ServiceUnavailable(f"downstream answered {response.status_code}")
    # The downstream refused the bot itself (token, scope): nothing the user can fix.
    if response.status_code in (401, 403):
        raise ServiceUnavailable(f"downstream refused the bot's token: {_code(response)}")
    if response.status_code >= 400:
        raise DownstreamError(response.status_code, _code(response))


def _parse(model: type[_Read], payload: Any) -> Any:
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        raise ServiceUnavailable("downstream answered in an unexpected shape") from exc


def _items(payload: Any) -> list[Any]:
    # Lists come bare or as a page ({"items": [...]}), depending on the endpoint's age.
    if isinstance(payload, dict):
        payload = payload.get("items", [])
    return payload if isinstance(payload, list) else []


class AuthClient:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    async def link_telegram(self, token: str, telegram_id: int, chat_id: int) -> LinkedAccount:
        response = await self.client.post(
            "/internal/telegram/link",
            json={"token": token, "telegram_id": telegram_id, "chat_id": chat_id},
            as_service=True,
        )
        if response.status_code == 403 and _code(response) != "forbidden":
            # A business refusal (e.g. the account is disabled), not a refused token.
            raise DownstreamError(403, _code(response))
        _raise_for(response)
        account: LinkedAccount = _parse(LinkedAccount, response.json())
        return account

    async def user_by_telegram(self, telegram_id: int) -> LinkedAccount | None:
        response = await self.client.get(f"/internal/users/by-telegram/{telegram_id}", as_service=True)
        if response.status_code == 404:
            return None
        _raise_for(response)
        body = response.json()
        if isinstance(body, dict) and "user_id" not in body and "id" in body:
            body = {**body, "user_id": body["id"]}
        account: LinkedAccount = _parse(LinkedAccount, body)
        return account


class CalendaryClient:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    async def free_slots(
        self, teacher_id: uuid.UUID, start: datetime, end: datetime, duration_minutes: int = 60
    ) -> list[Slot]:
        response = await self.client.get(
            f"/teachers/{teacher_id}/slots",
            params={
                "from": start.isoformat(),
                "to": end.isoformat(),
                "duration_minutes": duration_minutes,
            },
            as_service=True,
        )
        _raise_for(response)
        return [_parse(Slot, item) for item in _items(response.json())]


class LessonsClient:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    async def submit_feedback(
        self, lesson_id: uuid.UUID, student_id: uuid.UUID, rating: int, comment: str | None
    ) -> None:
        response = await self.client.post(
            f"/internal/lessons/{lesson_id}/feedback",
            json={"student_id": str(student_id), "rating": rating, "comment": comment},
            as_service=True,
        )
        _raise_for(response)

    async def hold_trial(self, teacher_id: uuid.UUID, starts_at: datetime, request_id: uuid.UUID) -> TrialHold:
        """Hold the slot a prospect picked (409 `slot_taken` when someone was quicker)."""
        response = await self.client.post(
            "/internal/trial-holds",
            json={"teacher_id": str(teacher_id), "starts_at": starts_at.isoformat(), "request_id": str(request_id)},
            as_service=True,
        )
        _raise_for(response)
        return _parse(TrialHold, response.json())

    async def list_lessons(
        self, *, role: str, user_id: uuid.UUID, start: datetime, end: datetime
    ) -> list[LessonSummary]:
        owner = "teacher_id" if role == "teacher" else "student_id"
        response = await self.client.get(
            "/lessons",
            params={owner: str(user_id), "from": start.isoformat(), "to": end.isoformat()},
            as_service=True,
        )
        _raise_for(response)
        return [_parse(LessonSummary, item) for item in _items(response.json())]


class Clients:
    """The downstreams configured for this deployment; a missing one means the feature is off."""

    def __init__(self, clients: dict[str, ServiceClient]) -> None:
        self.auth = AuthClient(clients["auth"]) if "auth" in clients else None
        self.calendary = CalendaryClient(clients["calendary"]) if "calendary" in clients else None
        self.lessons = LessonsClient(clients["lessons"]) if "lessons" in clients else None
