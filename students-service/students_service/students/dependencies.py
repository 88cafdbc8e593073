"""Dependencies that resolve a path's student and check the caller may act on them."""

import uuid
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends

from studio_kit.auth import CurrentUser, Role
from studio_kit.db import SessionDep

from . import service as student_service
from .models import Student


def student_access(*roles: Role) -> Callable[..., Coroutine[Any, Any, Student]]:
    async def dependency(student_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> Student:
        return await student_service.get_accessible_student(session, student_id, user, roles)

    return dependency


# Admin, the teacher who teaches the student, or the student themself.
VisibleStudent = Annotated[Student, Depends(student_access("admin", "teacher", "student"))]
# Money and personal files: admin or the student themself.
OwnStudent = Annotated[Student, Depends(student_access("admin", "student"))]
AdminStudent = Annotated[Student, Depends(student_access("admin"))]
