"""Lesson feedback from the bot, stored in lessons-service."""

import uuid

from studio_kit.errors import ServiceUnavailable

from ..clients import Clients, DownstreamError
from .errors import CommentTooLong, FeedbackAlreadyGiven, FeedbackRejected, TelegramNotLinked

# lessons-service accepts up to 2000; a chat message that long is almost certainly pasted by mistake.
MAX_COMMENT = 1000


async def find_student(clients: Clients, telegram_id: int) -> uuid.UUID:
    """The student behind this Telegram account; only linked students give feedback."""
    if clients.auth is None:
        raise ServiceUnavailable("auth-service is not configured")
    account = await clients.auth.user_by_telegram(telegram_id)
    if account is None or account.role != "student":
        raise TelegramNotLinked()
    return account.user_id


async def submit_feedback(
    clients: Clients, *, lesson_id: uuid.UUID, student_id: uuid.UUID, rating: int, comment: str | None
) -> None:
    """Store the rating with the optional comment; lessons-service keeps one feedback per lesson
    and student, so this is sent once, after the comment step."""
    text = (comment or "").strip()
    if len(text) > MAX_COMMENT:
        raise CommentTooLong()
    if clients.lessons is None:
        raise ServiceUnavailable("lessons-service is not configured")
    try:
        await clients.lessons.submit_feedback(lesson_id, student_id, rating, text or None)
    except DownstreamError as exc:
        if exc.code == "feedback_exists":
            raise FeedbackAlreadyGiven() from exc
        if exc.status in (404, 409, 422):
            # Not this student's lesson, not completed yet, or no such lesson.
            raise FeedbackRejected(exc.code) from exc
        # 401/403: lessons-service refused the bot itself, which the student cannot fix.
        raise ServiceUnavailable(f"lessons-service refused the bot: {exc}") from exc
