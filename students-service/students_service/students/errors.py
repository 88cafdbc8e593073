"""Errors of the students domain."""

from studio_kit.errors import Conflict, NotFound


class StudentNotFound(NotFound):
    code = "student_not_found"
    title = "Student not found"


class StudentExists(Conflict):
    code = "student_exists"
    title = "A student with this id already exists"


class StudentEmailTaken(Conflict):
    code = "student_email_taken"
    title = "Another student already uses this email"


class IdentityMismatch(Conflict):
    code = "identity_mismatch"
    title = "A student's user id must equal their profile id"
