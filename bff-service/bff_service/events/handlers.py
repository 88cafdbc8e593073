"""Drops cached reference data, student dashboards and sessions when the services that own the facts
announce a change.

The kit's consumer runs these in its database-less mode (queue `bff-service`): the BFF keeps no
inbox, and bumping a cache generation or deleting sessions twice is harmless."""

from __future__ import annotations

from studio_kit.messaging import ConsumedEvent, EventContext, EventHandlers

from .. import dashboard_cache
from ..config import Settings
from ..reference import service as reference_service
from ..session.service import delete_user_sessions
from .consumed import (
    BalanceLow,
    GroupMemberAdded,
    GroupMemberMoved,
    GroupMemberRemoved,
    LessonCancelled,
    LessonCompleted,
    LessonRescheduled,
    LessonRosterChanged,
    LessonScheduled,
    NamesStudents,
    PackageExpiring,
    PackageRunningLow,
    PaymentRecorded,
    TeacherUpdated,
    UserDeactivated,
    UserSessionsRevoked,
)

HANDLERS: EventHandlers[Settings] = EventHandlers()
Context = EventContext[Settings]


@HANDLERS.on(TeacherUpdated)
async def handle_teacher_updated(event: TeacherUpdated, context: Context) -> None:
    await reference_service.invalidate(context.state.redis, reference_service.TEACHERS)
    # The next lessons carry the teacher's card.
    await dashboard_cache.invalidate(context.state.redis)


@HANDLERS.on(UserDeactivated)
async def handle_user_deactivated(event: UserDeactivated, context: Context) -> None:
    # auth-service already refuses the refresh token; dropping the sessions ends them here at once.
    await delete_user_sessions(context.state.redis, str(event.user_id))
    if event.role == "teacher":
        await reference_service.invalidate(context.state.redis, reference_service.TEACHERS)


@HANDLERS.on(UserSessionsRevoked)
async def handle_sessions_revoked(event: UserSessionsRevoked, context: Context) -> None:
    # A password reset or change, a role change or "log out everywhere": the cookie sessions end now,
    # not when their access tokens expire (ADR 0220). The session that changed the password stays.
    kept = str(event.kept_session_id) if event.kept_session_id else None
    await delete_user_sessions(context.state.redis, str(event.user_id), keep_auth_session=kept)


async def handle_dashboard_changed(event: ConsumedEvent, context: Context) -> None:
    # The publisher committed the change before the event left its outbox: drop the kept dashboards.
    await dashboard_cache.invalidate(context.state.redis)


async def handle_students_changed(event: NamesStudents, context: Context) -> None:
    # Only the students the event names see the change; a lesson naming nobody drops them all.
    if students := event.students():
        await dashboard_cache.invalidate_students(context.state.redis, [str(student) for student in students])
    else:
        await dashboard_cache.invalidate(context.state.redis)


async def handle_lesson_settled_elsewhere(event: ConsumedEvent, context: Context) -> None:
    # students-service charges the seats from this same event, some time after we hear of it and
    # without an event of its own: keep no dashboard until it has had time to.
    await dashboard_cache.invalidate(context.state.redis, settling=True)


STUDENT_CHANGES: tuple[type[NamesStudents], ...] = (
    LessonScheduled,
    LessonRescheduled,
    LessonRosterChanged,
    PaymentRecorded,
    BalanceLow,
    PackageRunningLow,
    PackageExpiring,
)
# A membership changes the group's members count on every member's card.
STUDIO_CHANGES: tuple[type[ConsumedEvent], ...] = (GroupMemberAdded, GroupMemberRemoved, GroupMemberMoved)
for change in STUDENT_CHANGES:
    HANDLERS.on(change)(handle_students_changed)
for studio_change in STUDIO_CHANGES:
    HANDLERS.on(studio_change)(handle_dashboard_changed)
for settled_elsewhere in (LessonCompleted, LessonCancelled):
    HANDLERS.on(settled_elsewhere)(handle_lesson_settled_elsewhere)
