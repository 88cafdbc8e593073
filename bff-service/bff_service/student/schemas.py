"""Shapes of the student's screens."""

from datetime import date, datetime
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, Field

from ..makeups.schemas import MakeupCredit
from ..schemas import Degraded, Lesson, LessonKind, LessonPackage, LessonStatus, Money, StudentGroup


class BookingRequest(BaseModel):
    teacher_id: UUID
    starts_at: AwareDatetime
    duration_minutes: int = Field(default=60, ge=15, le=240)
    use_makeup_credit: bool = Field(
        default=False, description="Pay the lesson with a make-up credit (409 makeup_credit_unavailable: none left)"
    )


class CancelRequest(BaseModel):
    reason: str | None = Field(default=None, max_length=500)
    charge: bool | None = Field(
        default=None, description="Admins only: charge a cancel inside the notice (a teacher's cancel never charges)"
    )


class FeedbackCreate(BaseModel):
    rating: int = Field(ge=1, le=5)
    comment: str | None = Field(default=None, max_length=2000)


class TeacherRef(BaseModel):
    id: UUID
    first_name: str | None = None
    last_name: str | None = None
    photo_url: str | None = None


class StudentLesson(BaseModel):
    id: UUID
    kind: LessonKind
    status: LessonStatus
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    teacher: TeacherRef
    group_id: UUID | None = None
    topic: str | None = None
    homework: str | None = None
    late_cancel: bool = False
    price_minor: int = 0
    currency: str = "RUB"


class HomeworkItem(BaseModel):
    lesson_id: UUID
    starts_at: datetime
    topic: str | None = None
    homework: str


class StudentDashboard(Degraded):
    next_lessons: list[StudentLesson]
    balance: Money | None = Field(description="null when students-service did not answer")
    packages: list[LessonPackage]
    groups: list[StudentGroup]
    homework: list[HomeworkItem]


class BookingResult(BaseModel):
    lesson: StudentLesson
    makeup_credit: MakeupCredit | None = Field(default=None, description="The credit paying the lesson, if asked")


class PackageCover(BaseModel):
    """The package a lesson would be paid from (its lessons left before that lesson)."""

    id: UUID
    kind: str
    lessons_total: int
    lessons_left: int
    valid_until: date | None = None


class BookingQuote(BaseModel):
    """What booking this lesson means for the student's money, said before they confirm."""

    price: Money = Field(description="The price list's price for this kind and length on that date")
    package: PackageCover | None = Field(
        default=None, description="The active package that pays for it instead of the balance, if any"
    )
    cancel_notice_hours: int = Field(description="A cancel later than this before the start counts as late")


class FeedbackRead(BaseModel):
    lesson_id: UUID
    rating: int
    comment: str | None = None


class CancelResult(BaseModel):
    lesson: Lesson
    late_cancel: bool
    charge: Money | None = Field(
        default=None, description="What the balance is charged; null when the cancel is free or a package pays"
    )
    package: PackageCover | None = Field(
        default=None, description="A late cancel of the student's own lesson: the package lesson it uses"
    )
