"""Why feedback from the bot was not stored."""

from studio_kit.errors import Conflict, Forbidden, UnprocessableEntity


class TelegramNotLinked(Forbidden):
    code = "telegram_not_linked"
    title = "This Telegram account is not linked to a student"


class FeedbackAlreadyGiven(Conflict):
    code = "feedback_exists"
    title = "The student already rated this lesson"


class FeedbackRejected(UnprocessableEntity):
    code = "feedback_rejected"
    title = "lessons-service did not accept the feedback"


class CommentTooLong(UnprocessableEntity):
    code = "comment_too_long"
    title = "The comment is too long"
