"""Consumers of other services' events, keyed by event type: group membership keeps the rosters
of the group's future lessons right."""

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.messaging import Event, EventHandler

from ..series import service as series_service
from .consumed import GroupMemberAdded, GroupMemberMoved, GroupMemberRemoved


async def handle_member_added(session: AsyncSession, event: Event) -> None:
    added = GroupMemberAdded.model_validate(event.data)
    await series_service.add_student_to_group_lessons(session, added.group_id, added.student_id)


async def handle_member_removed(session: AsyncSession, event: Event) -> None:
    removed = GroupMemberRemoved.model_validate(event.data)
    await series_service.remove_student_from_group_lessons(session, removed.group_id, removed.student_id)


async def handle_member_moved(session: AsyncSession, event: Event) -> None:
    moved = GroupMemberMoved.model_validate(event.data)
    await series_service.remove_student_from_group_lessons(session, moved.from_group_id, moved.student_id)
    await series_service.add_student_to_group_lessons(session, moved.to_group_id, moved.student_id)


HANDLERS: dict[str, EventHandler] = {
    "group.member_added": handle_member_added,
    "group.member_removed": handle_member_removed,
    "group.member_moved": handle_member_moved,
}
