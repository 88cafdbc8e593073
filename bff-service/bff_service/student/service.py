"""The student's screens: each is one parallel fan-out over the owning services."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .. import dashboard_cache
from ..clients.calendary import CalendaryClient
from ..clients.groups import GroupsClient
from ..clients.lessons import LessonsClient, StudentLessonOverview
from ..clients.students import StudentsClient
from ..downstream import Caller, fan_out
from ..errors import InvalidRange, RangeTooLarge
from ..frontdesk.schemas import BookingPolicy
from ..makeups import service as makeup_service
from ..reference import service as reference_service
from ..schemas import Ledger, Lesson, Money
from ..staff import service as staff_service
from .schemas import CancelResult, FeedbackRead, StudentDashboard

DASHBOARD_LESSONS = 10
HOMEWORK_DAYS = 30
UPCOMING_DAYS = 30


def now() -> datetime:
    return datetime.now(UTC)


def student_lesson(lesson: Lesson | dict[str, Any], teachers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A lesson as the student sees it: the teacher's name instead of an id, no teacher notes."""
    record = lesson.model_dump() if isinstance(lesson, Lesson) else lesson
    teacher_id = str(record["teacher_id"])
    teacher = teachers.get(teacher_id) or {"id": teacher_id}
    return {**{key: value for key, value in record.items() if key != "notes"}, "teacher": teacher}


async def get_dashboard(caller: Caller) -> str:
    """The dashboard as JSON, kept for STUDENT_DASHBOARD_CACHE_SECONDS until anything it shows may
    have changed (ADR 0240); a degraded answer is never kept."""
    ttl = caller.settings.student_dashboard_cache_seconds
    key = None
    if ttl:
        body, key = await dashboard_cache.load(caller.redis, caller.user_id)
        if body is not None:
            return body
    dashboard = await compute_dashboard(caller)
    body = StudentDashboard.model_validate(dashboard).model_dump_json(by_alias=True)
    if key is not None and not dashboard["degraded"]:
        await dashboard_cache.keep(caller.redis, key, body, ttl)
    return body


async def compute_dashboard(caller: Caller) -> dict[str, Any]:
    """Next lessons and recent homework (one lessons call, critical), the balance alone, the active
    packages (filtered by students-service), groups and the cached teachers, in one fan-out."""
    me = caller.user_id
    lessons, students, groups = LessonsClient(caller), StudentsClient(caller), GroupsClient(caller)
    values, degraded = await fan_out(
        {
            "lessons": lessons.student_overview(
                me, upcoming=DASHBOARD_LESSONS, upcoming_days=UPCOMING_DAYS, homework_days=HOMEWORK_DAYS
            ),
            "balance": students.balance(me),
            "packages": students.packages(me, status="active"),
            "groups": groups.student_groups(me),
            "teachers": reference_service.list_teachers(caller),
        },
        critical=frozenset({"lessons"}),
    )
    overview: StudentLessonOverview = values["lessons"]
    teachers = {str(teacher["id"]): teacher for teacher in values["teachers"] or []}
    homework = [
        {"lesson_id": lesson.id, "starts_at": lesson.starts_at, "topic": lesson.topic, "homework": lesson.homework}
        for lesson in overview.homework
        if lesson.homework
    ]
    return {
        "next_lessons": [student_lesson(lesson, teachers) for lesson in overview.upcoming],
        "balance": values["balance"],
        "packages": values["packages"] or [],
        "groups": values["groups"] or [],
        "homework": homework,
        "degraded": degraded,
    }


def check_range(start: datetime, end: datetime, max_days: int) -> None:
    if end <= start:
        raise InvalidRange("`to` must be after `from`.")
    if end - start > timedelta(days=max_days):
        raise RangeTooLarge(f"The range is limited to {max_days} days.")


async def list_slots(caller: Caller, teacher_id: str, start: datetime, end: datetime, duration_minutes: int) -> bytes:
    """Free slots of a teacher (UTC instants; the app shows them in the viewer's time zone), as
    calendary's JSON bytes: the shape is the same, so they pass through without being parsed and
    serialised again."""
    check_range(start, end, caller.settings.booking_range_max_days)
    return await CalendaryClient(caller).free_slots_json(teacher_id, start, end, duration_minutes)


async def book_lesson(caller: Caller, data: dict[str, Any], idempotency_key: str | None) -> tuple[dict[str, Any], bool]:
    """Book an individual lesson through the lessons saga, paid by a make-up credit when asked.
    Returns (lesson, replayed)."""
    use_makeup_credit = bool(data.pop("use_makeup_credit", False))
    teachers = await staff_service.ensure_bookable(caller, str(data["teacher_id"]))
    if use_makeup_credit:
        starts_at = datetime.fromisoformat(str(data["starts_at"]))
        await makeup_service.ensure_credit_left(caller, caller.user_id, str(data["teacher_id"]), starts_at)
    lesson, replayed = await LessonsClient(caller).book({**data, "kind": "individual"}, idempotency_key=idempotency_key)
    result: dict[str, Any] = {"lesson": student_lesson(lesson, teachers)}
    if use_makeup_credit:
        # Held per lesson, so a replayed booking holds the same credit again, never a second one.
        result["makeup_credit"] = await makeup_service.hold_credit(caller, caller.user_id, str(lesson.id))
    return result, replayed


async def list_lessons(caller: Caller, start: datetime | None, end: datetime | None) -> list[dict[str, Any]]:
    """The student's lessons in a range (default: the last 30 and the next 60 days)."""
    moment = now()
    start = start or moment - timedelta(days=30)
    end = end or moment + timedelta(days=60)
    check_range(start, end, caller.settings.schedule_range_max_days * 3)
    values, _ = await fan_out(
        {
            "lessons": LessonsClient(caller).list_lessons(student_id=caller.user_id, start=start, end=end, size=200),
            "teachers": reference_service.list_teachers(caller),
        },
        critical=frozenset({"lessons"}),
    )
    teachers = {str(teacher["id"]): teacher for teacher in values["teachers"] or []}
    return [student_lesson(lesson, teachers) for lesson in values["lessons"].items]


async def cancel_lesson(caller: Caller, lesson_id: str, reason: str | None, charge: bool | None) -> CancelResult:
    """Cancel under the studio policy; lessons-service decides whether it is late and what it costs."""
    body: dict[str, Any] = {"reason": reason}
    if charge is not None:
        body["charge"] = charge
    result = (await LessonsClient(caller).cancel(lesson_id, body)).model_dump(mode="json")
    if caller.role == "student" and result.get("charge"):
        # students-service pays a late cancel from a package before the balance (settle_lesson): the
        # student is told which package lesson goes, not an amount their balance never loses.
        lesson = result["lesson"]
        values, _ = await fan_out(
            {"cover": package_cover(caller, lesson["kind"], datetime.fromisoformat(lesson["starts_at"]))}
        )
        # The cancel has happened: without students-service the answer names the price, as before.
        if values["cover"] is not None:
            result = {**result, "charge": None, "package": values["cover"]}
    return CancelResult.model_validate(result)


async def package_cover(caller: Caller, kind: str, starts_at: datetime) -> dict[str, Any] | None:
    """The package students-service would use for the student's lesson: the oldest usable on its studio date."""
    if kind not in ("individual", "group"):
        return None
    on_date = starts_at.astimezone(ZoneInfo(caller.settings.studio_timezone)).date()
    packages = await StudentsClient(caller).packages(caller.user_id, status="active")
    usable = [
        package
        for package in packages
        if package.kind in ("any", kind)
        and package.lessons_left > 0
        and (package.valid_from is None or package.valid_from <= on_date)
        and (package.valid_until is None or on_date <= package.valid_until)
    ]
    if not usable:
        return None
    earliest = datetime.min.replace(tzinfo=UTC)
    chosen = min(usable, key=lambda package: (package.created_at or earliest, str(package.id)))
    return chosen.model_dump(include={"id", "kind", "lessons_total", "lessons_left", "valid_until"})


async def quote_booking(caller: Caller, starts_at: datetime, duration_minutes: int) -> dict[str, Any]:
    """The price, the package that would pay and the cancellation notice for a lesson before it is booked."""
    values, _ = await fan_out(
        {
            "price": LessonsClient(caller).price_quote("individual", duration_minutes, starts_at),
            "policy": LessonsClient(caller).policy(),
            "package": package_cover(caller, "individual", starts_at),
        },
        critical=frozenset({"price", "policy", "package"}),
    )
    price: Money = values["price"]
    policy: BookingPolicy = values["policy"]
    return {
        "price": {"amount_minor": price.amount_minor, "currency": price.currency},
        "package": values["package"],
        "cancel_notice_hours": policy.cancel_notice_hours,
    }


async def get_ledger(caller: Caller) -> Ledger:
    """Balance and every ledger entry, newest first."""
    return await StudentsClient(caller).ledger(caller.user_id)


async def leave_feedback(caller: Caller, lesson_id: str, data: dict[str, Any]) -> FeedbackRead:
    """Rate a completed lesson."""
    return await LessonsClient(caller).leave_feedback(lesson_id, data)
