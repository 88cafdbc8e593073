"""Student screens. Each endpoint is one screen's data, fetched in parallel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Header, Query

from studio_kit.errors import BadRequest

from ..downstream import fan_out
from ..reference import list_teachers, public_teacher
from ..session.dependencies import AnyCaller, StudentCaller
from .schemas import BookingRequest, CancelRequest

router = APIRouter(prefix="/api", tags=["student"])


def _now() -> datetime:
    return datetime.now(UTC)


CALL_SERVICE = {"lessons": "lessons", "past": "lessons", "ledger": "students", "packages": "students",
                "groups": "groups"}


@router.get("/student/dashboard")
async def student_dashboard(caller: StudentCaller) -> dict[str, Any]:
    """Next lessons, balance, packages, groups and recent homework in one answer."""
    assert caller.session is not None
    me = caller.session.user_id
    now = _now()
    values, degraded = await fan_out(
        {
            "lessons": caller.get("lessons", "/lessons", params={
                "student_id": me, "from": now.isoformat(), "to": (now + timedelta(days=30)).isoformat(),
                "status": "scheduled"}),
            "past": caller.get("lessons", "/lessons", params={
                "student_id": me, "from": (now - timedelta(days=30)).isoformat(), "to": now.isoformat(),
                "status": "completed"}),
            "ledger": caller.get("students", f"/students/{me}/ledger"),
            "packages": caller.get("students", f"/students/{me}/packages"),
            "groups": caller.get("groups", f"/students/{me}/groups"),
        },
        critical=frozenset({"lessons"}),
    )
    teachers = {t["id"]: t for t in await _teachers_or_empty(caller)}
    next_lessons = [_with_teacher(lesson, teachers) for lesson in _items(values["lessons"])[:10]]
    homework = [
        {"lesson_id": lesson["id"], "starts_at": lesson["starts_at"], "topic": lesson.get("topic"),
         "homework": lesson["homework"]}
        for lesson in _items(values["past"]) if lesson.get("homework")
    ]
    ledger = values["ledger"]
    return {
        "next_lessons": next_lessons,
        "balance": ledger["balance"] if ledger else None,
        "packages": values["packages"] if values["packages"] is not None else [],
        "groups": _items(values["groups"]),
        "homework": homework,
        "degraded": sorted({CALL_SERVICE[name] for name in degraded}),
    }


@router.get("/teachers")
async def teachers(caller: AnyCaller) -> list[dict[str, Any]]:
    """Teachers students can book (no contacts)."""
    return [public_teacher(t) for t in await list_teachers(caller)]


@router.get("/booking/slots")
async def booking_slots(
    caller: AnyCaller,
    teacher_id: UUID,
    from_: Annotated[datetime, Query(alias="from")],
    to: datetime,
    duration_minutes: Annotated[int, Query(ge=15, le=240)] = 60,
) -> list[dict[str, Any]]:
    """Free slots of a teacher (UTC instants; the app shows them in the viewer's time zone)."""
    if from_.tzinfo is None or to.tzinfo is None:
        raise BadRequest("`from` and `to` need a time zone offset.", code="naive_datetime")
    if to <= from_:
        raise BadRequest("`to` must be after `from`.")
    if to - from_ > timedelta(days=caller.settings.booking_range_max_days):
        raise BadRequest(f"The range is limited to {caller.settings.booking_range_max_days} days.")
    slots: list[dict[str, Any]] = await caller.get(
        "calendary", f"/teachers/{teacher_id}/slots",
        params={"from": from_.isoformat(), "to": to.isoformat(), "duration_minutes": duration_minutes},
    )
    return [{"starts_at": s["starts_at"], "ends_at": s["ends_at"]} for s in slots]


@router.post("/booking", status_code=201)
async def book(
    body: BookingRequest,
    caller: StudentCaller,
    idempotency_key: Annotated[str, Header(alias="Idempotency-Key", min_length=8, max_length=128)],
) -> dict[str, Any]:
    """Book an individual lesson; the same Idempotency-Key replays the first result."""
    payload = {**body.model_dump(mode="json"), "kind": "individual"}
    lesson = await caller.post("lessons", "/lessons", json=payload, headers={"Idempotency-Key": idempotency_key})
    return {"lesson": lesson}


@router.get("/student/lessons")
async def student_lessons(
    caller: StudentCaller,
    from_: Annotated[datetime | None, Query(alias="from")] = None,
    to: datetime | None = None,
) -> list[dict[str, Any]]:
    """The student's lessons in a range (default: the last 30 and next 60 days)."""
    assert caller.session is not None
    now = _now()
    lessons = await caller.get("lessons", "/lessons", params={
        "student_id": caller.session.user_id,
        "from": (from_ or now - timedelta(days=30)).isoformat(),
        "to": (to or now + timedelta(days=60)).isoformat(),
    })
    teachers = {t["id"]: t for t in await _teachers_or_empty(caller)}
    return [_with_teacher(lesson, teachers) for lesson in _items(lessons)]


@router.post("/lessons/{lesson_id}/cancel")
async def cancel_lesson(lesson_id: UUID, caller: AnyCaller, body: CancelRequest | None = None) -> dict[str, Any]:
    """Cancel under the studio policy; the answer says whether it was late and what it costs."""
    result: dict[str, Any] = await caller.post(
        "lessons", f"/lessons/{lesson_id}/cancel", json={"reason": body.reason if body else None}
    )
    return result


@router.get("/student/ledger")
async def student_ledger(caller: StudentCaller) -> dict[str, Any]:
    """Balance and every ledger entry."""
    assert caller.session is not None
    ledger: dict[str, Any] = await caller.get("students", f"/students/{caller.session.user_id}/ledger")
    return ledger


def _items(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if isinstance(value, dict):
        return list(value.get("items", []))
    return list(value)


async def _teachers_or_empty(caller: Any) -> list[dict[str, Any]]:
    values, _ = await fan_out({"teachers": list_teachers(caller)})
    return values["teachers"] or []


def _with_teacher(lesson: dict[str, Any], teachers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    teacher = teachers.get(lesson.get("teacher_id", ""))
    return {
        "id": lesson["id"],
        "kind": lesson.get("kind"),
        "status": lesson.get("status"),
        "starts_at": lesson.get("starts_at"),
        "ends_at": lesson.get("ends_at"),
        "teacher": public_teacher(teacher) if teacher else {"id": lesson.get("teacher_id")},
        "topic": lesson.get("topic"),
        "homework": lesson.get("homework"),
        "late_cancel": lesson.get("late_cancel"),
        "price_minor": lesson.get("price_minor"),
    }
