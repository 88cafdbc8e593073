"""Errors of the attendance journal."""

from studio_kit.errors import Conflict, UnprocessableEntity


class AttendanceMissing(UnprocessableEntity):
    code = "attendance_missing"
    title = "Mark every student's attendance before completing the lesson"


class NotOnRoster(UnprocessableEntity):
    code = "not_on_roster"
    title = "Some students are not on this lesson's roster"


class DuplicateStudent(UnprocessableEntity):
    code = "duplicate_student"
    title = "A student is marked more than once"


class LessonNotStarted(Conflict):
    code = "lesson_not_started"
    title = "A lesson can be completed only once it has started"
