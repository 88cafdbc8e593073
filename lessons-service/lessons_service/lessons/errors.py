"""Errors of booking, cancelling and rescheduling lessons (some mirror calendary's answers)."""

from studio_kit.errors import (
    AppError,
    Conflict,
    NotFound,
    ServiceUnavailable,
    TooManyRequests,
    UnprocessableEntity,
)


class LessonNotFound(NotFound):
    code = "lesson_not_found"
    title = "Lesson not found"


class SlotTaken(Conflict):
    code = "slot_taken"
    title = "The slot is already taken"


class RoomTaken(Conflict):
    code = "room_taken"
    title = "The room is already taken"


class OutsideAvailability(UnprocessableEntity):
    code = "outside_availability"
    title = "The teacher is not available at that time"


class OutsideBookingWindow(UnprocessableEntity):
    code = "outside_booking_window"
    title = "That time is too soon or too far ahead to book"


class TeacherUnavailable(Conflict):
    code = "teacher_unavailable"
    title = "The teacher does not work at this time"


class HoldExpired(Conflict):
    code = "hold_expired"
    title = "The reservation expired before it was confirmed; please try again"


class CalendaryRejected(AppError):
    status = 502
    code = "calendary_rejected"
    title = "calendary-service rejected the request"


class BookingFailed(ServiceUnavailable):
    code = "booking_failed"
    title = "The booking could not be saved; the reserved slot was released, please try again"


class StartsInPast(UnprocessableEntity):
    code = "starts_in_past"
    title = "A lesson cannot start in the past"


class BookingNoticeTooShort(Conflict):
    code = "booking_notice_too_short"
    title = "This time is too soon to book"


class StudentRequired(UnprocessableEntity):
    code = "student_required"
    title = "Say which student the lesson is for"


class TrialAlreadyUsed(Conflict):
    code = "trial_already_used"
    title = "The student already has a trial lesson"


class LessonNotScheduled(Conflict):
    code = "lesson_not_scheduled"
    title = "The lesson is no longer scheduled"


class LessonAlreadyStarted(Conflict):
    code = "lesson_already_started"
    title = "The lesson has already started"


class TooLateToReschedule(Conflict):
    code = "too_late_to_reschedule"
    title = "It is too late to move this lesson; cancel it instead or ask the studio"


class RangeTooLong(UnprocessableEntity):
    code = "range_too_long"
    title = "The date range is too long"


class BookingLimitReached(Conflict):
    code = "booking_limit_reached"
    title = "The student already holds as many future lessons as the studio allows"


class BookingRateLimited(TooManyRequests):
    code = "booking_rate_limited"
    title = "Too many booking attempts; try again later"
