"""Errors of holds and booked events."""

from studio_kit.errors import Conflict, NotFound, UnprocessableEntity


class SlotTaken(Conflict):
    code = "slot_taken"
    title = "The time is already taken"


class TeacherUnavailable(Conflict):
    code = "teacher_unavailable"
    title = "The teacher does not work at this time"


class RoomTaken(Conflict):
    code = "room_taken"
    title = "The room is already taken"


class HoldExpired(Conflict):
    code = "hold_expired"
    title = "The hold has expired"


class EventCancelled(Conflict):
    code = "event_cancelled"
    title = "The event is cancelled"


class AlreadyConfirmed(Conflict):
    code = "already_confirmed"
    title = "The hold is confirmed for another lesson"


class EventNotFound(NotFound):
    code = "event_not_found"
    title = "Calendar event not found"


class OutsideAvailability(UnprocessableEntity):
    code = "outside_availability"
    title = "Outside the teacher's availability"


class OutsideBookingWindow(UnprocessableEntity):
    code = "outside_booking_window"
    title = "Outside the booking window"


class UnknownRoom(UnprocessableEntity):
    code = "unknown_room"
    title = "Unknown room"


class RoomTooSmall(UnprocessableEntity):
    code = "room_too_small"
    title = "The room is too small"


class HoldTooLong(UnprocessableEntity):
    code = "hold_too_long"
    title = "Hold too long"
