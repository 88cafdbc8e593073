"""The parts of other services' events the BFF reads (docs/events.md; the contract test checks each
field is one the publisher sends)."""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from typing import ClassVar

from studio_kit.messaging import ConsumedEvent


class TeacherUpdated(ConsumedEvent):
    """Any change to a teacher: the cached teacher list is stale (no field needed)."""

    event_type: ClassVar[str] = "teacher.updated"


class UserDeactivated(ConsumedEvent):
    event_type: ClassVar[str] = "user.deactivated"

    user_id: uuid.UUID
    role: str | None = None


class UserSessionsRevoked(ConsumedEvent):
    event_type: ClassVar[str] = "user.sessions_revoked"

    user_id: uuid.UUID
    kept_session_id: uuid.UUID | None = None


# What a student's dashboard shows changed elsewhere (ADR 0240): an event naming its students drops
# their kept dashboards; one naming none (or a group's membership, whose count every member sees)
# drops every kept dashboard.


class NamesStudents(ConsumedEvent, ABC):
    """A change to the named students' own lessons, money or packages."""

    @abstractmethod
    def students(self) -> list[uuid.UUID]:
        """The students whose kept dashboards the event drops."""


class AboutOneStudent(NamesStudents):
    student_id: uuid.UUID

    def students(self) -> list[uuid.UUID]:
        return [self.student_id]


class AboutLessonStudents(NamesStudents):
    """A lesson's students (none for a group lesson with an empty roster)."""

    student_ids: list[uuid.UUID] = []

    def students(self) -> list[uuid.UUID]:
        return self.student_ids


class LessonScheduled(AboutLessonStudents):
    event_type: ClassVar[str] = "lesson.scheduled"


class LessonRescheduled(AboutLessonStudents):
    """A new time or, for a substitution, a new teacher."""

    event_type: ClassVar[str] = "lesson.rescheduled"


class LessonCancelled(ConsumedEvent):
    """Gone from the next lessons; a late cancel is then charged by students-service."""

    event_type: ClassVar[str] = "lesson.cancelled"


class LessonCompleted(ConsumedEvent):
    """Gone from the next lessons; students-service then charges the seats."""

    event_type: ClassVar[str] = "lesson.completed"


class LessonRosterChanged(AboutOneStudent):
    """lessons-service seated a new group member in (or removed a leaver from) the group's lessons."""

    event_type: ClassVar[str] = "lesson.roster_changed"


class GroupMemberAdded(ConsumedEvent):
    event_type: ClassVar[str] = "group.member_added"


class GroupMemberRemoved(ConsumedEvent):
    event_type: ClassVar[str] = "group.member_removed"


class GroupMemberMoved(ConsumedEvent):
    event_type: ClassVar[str] = "group.member_moved"


class PaymentRecorded(AboutOneStudent):
    """Also an online payment confirmed by the provider, which never passes through the BFF."""

    event_type: ClassVar[str] = "payment.recorded"


class BalanceLow(AboutOneStudent):
    event_type: ClassVar[str] = "balance.low"


class PackageRunningLow(AboutOneStudent):
    event_type: ClassVar[str] = "package.running_low"


class PackageExpiring(AboutOneStudent):
    event_type: ClassVar[str] = "package.expiring"
