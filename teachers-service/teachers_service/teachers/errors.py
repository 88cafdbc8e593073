"""Errors of teacher profiles."""

from studio_kit.errors import Conflict, NotFound


class TeacherNotFound(NotFound):
    code = "teacher_not_found"
    title = "Teacher not found"


class TeacherExists(Conflict):
    code = "teacher_exists"
    title = "A teacher with this id or email already exists"
