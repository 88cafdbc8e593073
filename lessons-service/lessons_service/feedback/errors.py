"""Errors of lesson feedback."""
# The editable studio-kit install is invisible to plain mypy, so its classes look like Any here.
# mypy: disallow-subclassing-any=False

from studio_kit.errors import Conflict


class FeedbackExists(Conflict):
    code = "feedback_exists"
    title = "Feedback for this lesson was already given"


class LessonNotCompleted(Conflict):
    code = "lesson_not_completed"
    title = "Feedback is possible once the lesson is completed"
