"""Handlers of other services' events, one per model in consumed.py: group membership keeps the
rosters of the group's future lessons right. Each runs inside the inbox transaction."""

from studio_kit.messaging import EventContext, EventHandlers

from ..config import Settings
from ..series import service as series_service
from .consumed import GroupMemberAdded, GroupMemberMoved, GroupMemberRemoved

HANDLERS: EventHandlers[Settings] = EventHandlers()
Context = EventContext[Settings]


@HANDLERS.on(GroupMemberAdded)
async def handle_member_added(event: GroupMemberAdded, context: Context) -> None:
    await series_service.add_student_to_group_lessons(context.session, event.group_id, event.student_id)


@HANDLERS.on(GroupMemberRemoved)
async def handle_member_removed(event: GroupMemberRemoved, context: Context) -> None:
    await series_service.remove_student_from_group_lessons(context.session, event.group_id, event.student_id)


@HANDLERS.on(GroupMemberMoved)
async def handle_member_moved(event: GroupMemberMoved, context: Context) -> None:
    await series_service.remove_student_from_group_lessons(context.session, event.from_group_id, event.student_id)
    await series_service.add_student_to_group_lessons(context.session, event.to_group_id, event.student_id)
