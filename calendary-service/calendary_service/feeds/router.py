"""HTTP routes of iCal feeds and their tokens."""

import uuid

from fastapi import APIRouter, Request, Response

from studio_kit.auth import CurrentUser, Principal
from studio_kit.errors import Forbidden

from ..dependencies import SessionDep, SettingsDep, StudentOwner, TeacherEditor
from . import service as feed_service
from .schemas import FeedTokenRead
from .service import OwnerKind

router = APIRouter(tags=["feeds"])


def _base_url(request: Request, settings: SettingsDep) -> str:
    return settings.calendary_feed_base_url or str(request.base_url)


@router.post("/teachers/{teacher_id}/feed-token", status_code=201, response_model=FeedTokenRead)
async def issue_teacher_feed(
    teacher_id: uuid.UUID, request: Request, session: SessionDep, settings: SettingsDep, _: TeacherEditor
) -> FeedTokenRead:
    """A new private iCal URL of the teacher's lessons (the previous one stops working)."""
    return await feed_service.issue_token(session, "teacher", teacher_id, _base_url(request, settings))


@router.delete("/teachers/{teacher_id}/feed-token", status_code=204)
async def revoke_teacher_feed(teacher_id: uuid.UUID, session: SessionDep, _: TeacherEditor) -> Response:
    """Stop the teacher's iCal URL."""
    await feed_service.revoke_tokens(session, "teacher", teacher_id)
    return Response(status_code=204)


@router.post("/students/{student_id}/feed-token", status_code=201, response_model=FeedTokenRead)
async def issue_student_feed(
    student_id: uuid.UUID, request: Request, session: SessionDep, settings: SettingsDep, _: StudentOwner
) -> FeedTokenRead:
    """A new private iCal URL of the student's lessons (the previous one stops working)."""
    return await feed_service.issue_token(session, "student", student_id, _base_url(request, settings))


@router.delete("/students/{student_id}/feed-token", status_code=204)
async def revoke_student_feed(student_id: uuid.UUID, session: SessionDep, _: StudentOwner) -> Response:
    """Stop the student's iCal URL."""
    await feed_service.revoke_tokens(session, "student", student_id)
    return Response(status_code=204)


def _own_feed(principal: Principal) -> tuple[OwnerKind, uuid.UUID]:
    """The caller's own feed: a teacher's or a student's lessons, an admin's whole studio."""
    if principal.role not in ("admin", "teacher", "student"):
        raise Forbidden()
    return principal.role, uuid.UUID(principal.subject)


@router.get("/me/feed-token", response_model=FeedTokenRead)
async def read_own_feed(
    request: Request, session: SessionDep, settings: SettingsDep, principal: CurrentUser
) -> FeedTokenRead:
    """The caller's private iCal URL, issued on first use and the same until regenerated."""
    owner_kind, owner_id = _own_feed(principal)
    return await feed_service.current_token(session, owner_kind, owner_id, _base_url(request, settings))


@router.post("/me/feed-token", status_code=201, response_model=FeedTokenRead)
async def regenerate_own_feed(
    request: Request, session: SessionDep, settings: SettingsDep, principal: CurrentUser
) -> FeedTokenRead:
    """A new private iCal URL for the caller; the previous one stops working."""
    owner_kind, owner_id = _own_feed(principal)
    return await feed_service.issue_token(session, owner_kind, owner_id, _base_url(request, settings))


@router.delete("/me/feed-token", status_code=204)
async def revoke_own_feed(session: SessionDep, principal: CurrentUser) -> Response:
    """Stop the caller's iCal URL (the next read issues a new one)."""
    owner_kind, owner_id = _own_feed(principal)
    await feed_service.revoke_tokens(session, owner_kind, owner_id)
    return Response(status_code=204)


@router.get("/feeds/{token}.ics", response_class=Response)
async def get_feed(token: str, session: SessionDep, settings: SettingsDep) -> Response:
    """The iCalendar feed behind a token (no login: the token is the credential)."""
    body = await feed_service.render_feed(session, settings, token)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, max-age=60", "X-Robots-Tag": "noindex"},
    )
