"""Consumers of other services' events, keyed by event type: group membership keeps the rosters
of the group's future lessons right."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.messaging import Event, EventHandler

from ..series import service as series_service


async def handle_member_added(session: AsyncSession, event: Event) -> None:
    await series_service.add_student_to_group_lessons(
        session, uuid.UUID(event.data["group_id"]), uuid.UUID(event.data["student_id"])
    )


async def handle_member_removed(session: AsyncSession, event: Event) -> None:
    await series_service.remove_student_from_group_lessons(
        session, uuid.UUID(event.data["group_id"]), uuid.UUID(event.data["student_id"])
    )


async def handle_member_moved(session: AsyncSession, event: Event) -> None:
    student_id = uuid.UUID(event.data["student_id"])
    await series_service.remove_student_from_group_lessons(session, uuid.UUID(event.data["from_group_id"]), student_id)
    await series_service.add_student_to_group_lessons(session, uuid.UUID(event.data["to_group_id"]), student_id)


HANDLERS: dict[str, EventHandler] = {
    "group.member_added": handle_member_added,
    "group.member_removed": handle_member_removed,
    "group.member_moved": handle_member_moved,
}
