"""'My lessons' for a linked student or teacher."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from studio_kit.errors import ServiceUnavailable

from ..clients import Clients, LinkedAccount
from ..texts import t
from ..trial.service import format_slot

HORIZON = timedelta(days=14)
MAX_SHOWN = 10


async def find_account(clients: Clients, telegram_id: int) -> LinkedAccount | None:
    """The platform account this Telegram user linked, if any."""
    if clients.auth is None:
        raise ServiceUnavailable("auth-service is not configured")
    return await clients.auth.user_by_telegram(telegram_id)


async def upcoming_lessons_text(clients: Clients, account: LinkedAccount, *, zone_name: str, lang: str) -> str:
    """The account's scheduled lessons of the next two weeks, one line each."""
    if clients.lessons is None:
        raise ServiceUnavailable("lessons-service is not configured")
    now = datetime.now(UTC)
    lessons = await clients.lessons.list_lessons(
        role=account.role, user_id=account.user_id, start=now, end=now + HORIZON
    )
    upcoming = sorted(
        (lesson for lesson in lessons if lesson.status == "scheduled" and lesson.starts_at >= now),
        key=lambda lesson: lesson.starts_at,
    )[:MAX_SHOWN]
    if not upcoming:
        return t(lang, "lessons_none")
    zone = ZoneInfo(zone_name)
    lines = [t(lang, "lessons_header", zone=zone_name)]
    for lesson in upcoming:
        kind = t(lang, f"lesson_{lesson.kind}") if lesson.kind in ("individual", "group", "trial") else lesson.kind
        line = f"• {format_slot(lesson.starts_at, zone, lang)} — {kind}"
        lines.append(f"{line}: {lesson.topic}" if lesson.topic else line)
    return "\n".join(lines)
