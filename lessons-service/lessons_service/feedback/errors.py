"""Errors of lesson feedback."""

from studio_kit.errors import Conflict


class FeedbackExists(Conflict):
    code = "feedback_exists"
    title = "Feedback for this lesson was already given"


class LessonNotCompleted(Conflict):
    code = "lesson_not_completed"
    title = "Feedback is possible once the lesson is completed"
