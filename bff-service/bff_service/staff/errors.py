"""Errors of the staff records."""

from studio_kit.errors import Conflict


class TeacherUnavailable(Conflict):
    code = "teacher_unavailable"
    title = "This teacher takes no new bookings"
