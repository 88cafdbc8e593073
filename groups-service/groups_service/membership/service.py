"""Rules for membership: capacity under row locks, history that is never rewritten, the waitlist
in order, atomic moves, and an event for every change."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta

from fastapi import FastAPI
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.db import Database, utcnow
from studio_kit.errors import Forbidden
from studio_kit.loops import run_until_stopped

from ..database import outbox
from ..events.published import (
    GroupMemberAdded,
    GroupMemberMoved,
    GroupMemberRemoved,
    GroupWaitlistOffered,
    GroupWaitlistOfferLapsed,
)
from ..groups import repository as group_repository
from ..groups import service as group_service
from ..groups.errors import GroupNotFound
from ..groups.models import Group
from ..groups.schemas import GroupRead, Schedule
from . import repository as membership_repository
from .errors import (
    AlreadyMember,
    AlreadyWaitlisted,
    GroupClosed,
    GroupFull,
    NotAMember,
    NotWaitlisted,
    NoWaitlistOffer,
    SameGroup,
    SeatsAvailable,
    WaitlistOfferExpired,
)
from .models import GroupMembership, WaitlistEntry
from .schemas import (
    GroupMembers,
    MembershipRead,
    MoveResult,
    Roster,
    StudentGroupRead,
    WaitlistEntryRead,
    WaitlistOfferRead,
)

OPEN_STATUSES = ("forming", "active")


async def _locked_group(session: AsyncSession, group_id: uuid.UUID) -> Group:
    # Every membership change serialises on the group row: the capacity check and the insert
    # then see the same member count even when requests arrive at the same moment.
    group = await group_repository.get_group(session, group_id, for_update=True)
    if group is None:
        raise GroupNotFound(f"Group {group_id} does not exist.")
    return group


def _ensure_open(group: Group) -> None:
    if group.status not in OPEN_STATUSES:
        raise GroupClosed(f"The group is {group.status}.")


async def _next_waitlist_position(session: AsyncSession, group: Group, student_id: uuid.UUID) -> int:
    entry = await membership_repository.get_waiting_entry(session, group.id, student_id)
    if entry is not None:
        return await membership_repository.waiting_position(session, entry)
    return await membership_repository.count_waiting(session, [group.id]) + 1


async def _enrol(
    session: AsyncSession,
    group: Group,
    student_id: uuid.UUID,
    *,
    moved_from_group_id: uuid.UUID | None = None,
) -> GroupMembership:
    membership = await membership_repository.add_membership(
        session,
        GroupMembership(
            id=uuid.uuid4(),
            group_id=group.id,
            student_id=student_id,
            joined_at=utcnow(),
            moved_from_group_id=moved_from_group_id,
        ),
    )
    entry = await membership_repository.get_waiting_entry(session, group.id, student_id)
    if entry is not None:
        entry.status = "enrolled"
        entry.resolved_at = utcnow()
        await session.flush()
    return membership


async def _publish_added(session: AsyncSession, group: Group, student_id: uuid.UUID) -> None:
    await outbox.add(
        session,
        GroupMemberAdded(group_id=group.id, group_name=group.name, student_id=student_id, teacher_id=group.teacher_id),
    )


async def _expire_lapsed_offers(session: AsyncSession, group: Group, now: datetime) -> None:
    for entry in await membership_repository.list_lapsed_offers(session, group.id, now):
        entry.status = "expired"
        entry.resolved_at = now
        await outbox.add(
            session, GroupWaitlistOfferLapsed(group_id=group.id, student_id=entry.student_id, reason="expired")
        )
    await session.flush()


async def _seats_taken(session: AsyncSession, group: Group, now: datetime, student_id: uuid.UUID) -> int:
    """Members plus seats held by live offers (except the one this student holds)."""
    members = await membership_repository.count_current_members(session, group.id)
    offers = await membership_repository.count_live_offers(session, group.id, now)
    entry = await membership_repository.get_waiting_entry(session, group.id, student_id)
    if entry is not None and entry.status == "offered" and entry.offer_expires_at and entry.offer_expires_at > now:
        offers -= 1
    return members + offers


async def offer_free_seats(session: AsyncSession, group: Group, offer_hours: float) -> list[WaitlistEntry]:
    """Offer each free seat to the next on the waitlist, held for `offer_hours`; lapsed offers pass
    on first. The caller holds the group's row lock."""
    now = utcnow()
    await _expire_lapsed_offers(session, group, now)
    if group.status not in OPEN_STATUSES:
        return []
    members = await membership_repository.count_current_members(session, group.id)
    free = group.capacity - members - await membership_repository.count_live_offers(session, group.id, now)
    offered: list[WaitlistEntry] = []
    expires_at = now + timedelta(hours=offer_hours)
    for entry in (await membership_repository.list_waiting(session, group.id))[: max(free, 0)]:
        entry.status = "offered"
        entry.offered_at = now
        entry.offer_expires_at = expires_at
        offered.append(entry)
        await outbox.add(
            session,
            GroupWaitlistOffered(
                group_id=group.id,
                group_name=group.name,
                student_id=entry.student_id,
                teacher_id=group.teacher_id,
                expires_at=expires_at,
            ),
        )
    await session.flush()
    return offered


async def accept_offer(session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID) -> MembershipRead:
    """Take the seat a waitlist offer holds; the group row lock makes racing acceptances join once."""
    group = await _locked_group(session, group_id)
    entry = await membership_repository.get_waiting_entry(session, group.id, student_id)
    if entry is None or entry.status != "offered" or entry.offer_expires_at is None:
        raise NoWaitlistOffer()
    if entry.offer_expires_at <= utcnow():
        raise WaitlistOfferExpired()
    _ensure_open(group)
    if await membership_repository.count_current_members(session, group.id) >= group.capacity:
        raise GroupFull(f"All {group.capacity} seats are taken.")
    membership = await _enrol(session, group, student_id)
    await _publish_added(session, group, student_id)
    return MembershipRead.model_validate(membership)


async def decline_offer(session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID, offer_hours: float) -> None:
    """Refuse a waitlist offer: the student leaves the queue and the seat goes to the next."""
    group = await _locked_group(session, group_id)
    entry = await membership_repository.get_waiting_entry(session, group.id, student_id)
    if entry is None or entry.status != "offered":
        raise NoWaitlistOffer()
    entry.status = "declined"
    entry.resolved_at = utcnow()
    await session.flush()
    await outbox.add(session, GroupWaitlistOfferLapsed(group_id=group.id, student_id=student_id, reason="declined"))
    await offer_free_seats(session, group, offer_hours)


async def list_student_offers(session: AsyncSession, student_id: uuid.UUID) -> list[WaitlistOfferRead]:
    """The live seat offers a student holds, soonest to expire first."""
    rows = await membership_repository.list_student_offers(session, student_id, utcnow())
    return [
        WaitlistOfferRead(
            group_id=group.id,
            group_name=group.name,
            level=group.level,
            teacher_id=group.teacher_id,
            schedule=Schedule.model_validate(group.schedule),
            starts_on=group.starts_on,
            offered_at=entry.offered_at or entry.added_at,
            expires_at=entry.offer_expires_at or utcnow(),
        )
        for entry, group in rows
    ]


async def sweep_lapsed_offers(database: Database, offer_hours: float) -> int:
    """Pass every expired offer on to the next in line; returns how many groups were swept."""
    async with database.sessionmaker() as session:
        group_ids = await membership_repository.groups_with_lapsed_offers(session, utcnow())
    for group_id in group_ids:
        async with database.sessionmaker() as session, session.begin():
            group = await _locked_group(session, group_id)
            await offer_free_seats(session, group, offer_hours)
    return len(group_ids)


async def run_offer_sweeper(app: FastAPI, stop: asyncio.Event) -> None:
    """Background task: sweep lapsed offers every GROUPS_WAITLIST_SWEEP_INTERVAL_SECONDS."""
    settings = app.state.settings

    async def sweep() -> None:
        await sweep_lapsed_offers(app.state.database, settings.groups_waitlist_offer_hours)

    await run_until_stopped(
        sweep,
        stop,
        interval=settings.groups_waitlist_sweep_interval_seconds,
        name="waitlist offer sweep",
        retry_on=(SQLAlchemyError, OSError),
    )


async def join_group(session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID) -> MembershipRead:
    """Add a student to a group; a full group answers 409 with the waitlist position on offer."""
    group = await _locked_group(session, group_id)
    _ensure_open(group)
    if await membership_repository.get_current_membership(session, group.id, student_id) is not None:
        raise AlreadyMember()
    if await _seats_taken(session, group, utcnow(), student_id) >= group.capacity:
        position = await _next_waitlist_position(session, group, student_id)
        raise GroupFull(
            f"All {group.capacity} seats are taken; the student can join the waitlist at position {position}.",
            waitlist_position=position,
        )
    membership = await _enrol(session, group, student_id)
    await _publish_added(session, group, student_id)
    return MembershipRead.model_validate(membership)


async def add_to_waitlist(session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID) -> WaitlistEntryRead:
    """Put a student at the end of a full group's waitlist."""
    group = await _locked_group(session, group_id)
    _ensure_open(group)
    if await membership_repository.get_current_membership(session, group.id, student_id) is not None:
        raise AlreadyMember()
    existing = await membership_repository.get_waiting_entry(session, group.id, student_id)
    if existing is not None:
        position = await membership_repository.waiting_position(session, existing)
        raise AlreadyWaitlisted(f"The student is already waiting at position {position}.", position=position)
    taken = await _seats_taken(session, group, utcnow(), student_id)
    if taken < group.capacity:
        raise SeatsAvailable(f"{group.capacity - taken} seat(s) are free.")
    entry = await membership_repository.add_waitlist_entry(
        session, WaitlistEntry(id=uuid.uuid4(), group_id=group.id, student_id=student_id, added_at=utcnow())
    )
    return WaitlistEntryRead(
        group_id=group.id,
        student_id=student_id,
        position=await membership_repository.waiting_position(session, entry),
        added_at=entry.added_at,
    )


async def withdraw_from_waitlist(session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID) -> None:
    """Take a student off the waitlist; the others move up."""
    group = await _locked_group(session, group_id)
    entry = await membership_repository.get_waiting_entry(session, group.id, student_id)
    if entry is None:
        raise NotWaitlisted()
    entry.status = "withdrawn"
    entry.resolved_at = utcnow()
    await session.flush()


async def leave_group(
    session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID, reason: str, offer_hours: float
) -> None:
    """End a student's stay (kept as history); the freed seat is offered to the first on the waitlist."""
    group = await _locked_group(session, group_id)
    membership = await membership_repository.get_current_membership(session, group.id, student_id)
    if membership is None:
        raise NotAMember()
    membership.left_at = utcnow()
    membership.reason = reason
    await session.flush()
    await outbox.add(
        session,
        GroupMemberRemoved(group_id=group.id, student_id=student_id, teacher_id=group.teacher_id, reason=reason),
    )
    await offer_free_seats(session, group, offer_hours)


async def move_student(
    session: AsyncSession,
    from_group_id: uuid.UUID,
    student_id: uuid.UUID,
    to_group_id: uuid.UUID,
    offer_hours: float,
) -> MoveResult:
    """Move a student between groups in one transaction: both rows locked, target capacity kept."""
    if from_group_id == to_group_id:
        raise SameGroup()
    groups = await group_repository.lock_groups(session, [from_group_id, to_group_id])
    for group_id in (from_group_id, to_group_id):
        if group_id not in groups:
            raise GroupNotFound(f"Group {group_id} does not exist.")
    source, target = groups[from_group_id], groups[to_group_id]
    _ensure_open(target)
    current = await membership_repository.get_current_membership(session, source.id, student_id)
    if current is None:
        raise NotAMember()
    if await membership_repository.get_current_membership(session, target.id, student_id) is not None:
        raise AlreadyMember("The student is already in the target group.")
    if await _seats_taken(session, target, utcnow(), student_id) >= target.capacity:
        raise GroupFull(f"The target group has no free seat ({target.capacity} taken).")
    now = utcnow()
    current.left_at = now
    current.reason = "moved"
    current.moved_to_group_id = target.id
    await session.flush()
    joined = await _enrol(session, target, student_id, moved_from_group_id=source.id)
    await outbox.add(
        session,
        GroupMemberMoved(
            student_id=student_id, from_group_id=source.id, to_group_id=target.id, teacher_id=target.teacher_id
        ),
    )
    await offer_free_seats(session, source, offer_hours)
    return MoveResult(left=MembershipRead.model_validate(current), joined=MembershipRead.model_validate(joined))


async def get_members(session: AsyncSession, group: Group) -> GroupMembers:
    """Current members, the full history and the waitlist of a group."""
    rows = await membership_repository.list_memberships(session, group.id)
    history = [MembershipRead.model_validate(row) for row in rows]
    waiting = await membership_repository.list_queue(session, group.id)
    return GroupMembers(
        group_id=group.id,
        capacity=group.capacity,
        members=[row for row in history if row.left_at is None],
        history=history,
        waitlist=[
            WaitlistEntryRead(
                group_id=group.id,
                student_id=entry.student_id,
                position=index,
                added_at=entry.added_at,
                status="offered" if entry.status == "offered" else "waiting",
                offer_expires_at=entry.offer_expires_at if entry.status == "offered" else None,
            )
            for index, entry in enumerate(waiting, start=1)
        ],
    )


async def list_student_groups(session: AsyncSession, student_id: uuid.UUID, user: Principal) -> list[StudentGroupRead]:
    """A student's current groups: the student sees all, a teacher only the groups they teach."""
    teacher_id: uuid.UUID | None = None
    if user.role == "student" and user.subject != str(student_id):
        raise Forbidden("Students see only their own groups.")
    if user.role == "teacher":
        teacher_id = uuid.UUID(user.subject)
    elif user.role not in ("admin", "student"):
        raise Forbidden()
    rows = await membership_repository.list_student_groups(session, student_id, teacher_id=teacher_id)
    reads: list[GroupRead] = await group_service.to_reads(session, [group for group, _ in rows])
    return [
        StudentGroupRead(**read.model_dump(), joined_at=joined_at)
        for read, (_, joined_at) in zip(reads, rows, strict=True)
    ]


async def get_roster(session: AsyncSession, group_id: uuid.UUID) -> Roster:
    """What lessons-service needs to plan and price a group's lessons."""
    group = await group_repository.get_group(session, group_id)
    if group is None:
        raise GroupNotFound(f"Group {group_id} does not exist.")
    return Roster(
        group_id=group.id,
        name=group.name,
        teacher_id=group.teacher_id,
        room_id=group.room_id,
        status=group.status,
        student_ids=await membership_repository.list_current_student_ids(session, group.id),
        schedule=Schedule.model_validate(group.schedule),
        starts_on=group.starts_on,
        ends_on=group.ends_on,
        price_per_lesson_minor=group.price_per_lesson_minor,
        currency=group.currency,
    )
