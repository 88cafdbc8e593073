"""Errors of membership and the waitlist."""

from studio_kit.errors import Conflict, NotFound, UnprocessableEntity


class GroupFull(Conflict):
    code = "group_full"
    title = "The group is full"


class GroupClosed(Conflict):
    code = "group_closed"
    title = "The group does not take students"


class AlreadyMember(Conflict):
    code = "already_member"
    title = "The student is already in this group"


class AlreadyWaitlisted(Conflict):
    code = "already_waitlisted"
    title = "The student is already on the waitlist"


class SeatsAvailable(Conflict):
    code = "seats_available"
    title = "The group has free seats: add the student as a member"


class NotAMember(NotFound):
    code = "not_a_member"
    title = "The student is not in this group"


class NotWaitlisted(NotFound):
    code = "not_waitlisted"
    title = "The student is not on the waitlist"


class SameGroup(UnprocessableEntity):
    code = "same_group"
    title = "A student cannot move to the group they are in"


class NoWaitlistOffer(NotFound):
    code = "no_waitlist_offer"
    title = "There is no seat offer for this student in this group"


class WaitlistOfferExpired(Conflict):
    code = "waitlist_offer_expired"
    title = "The seat offer has expired and passed to the next in line"
