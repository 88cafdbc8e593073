"""Errors of the make-up routes the BFF raises itself."""

from studio_kit.errors import Conflict


class LessonNotForMakeup(Conflict):
    code = "lesson_not_for_makeup"
    title = "Only an upcoming scheduled lesson of this student can be paid with a make-up credit"


class MakeupCreditUnavailable(Conflict):
    """The same code students-service answers, raised before a booking that asked for a credit."""

    code = "makeup_credit_unavailable"
    title = "The student has no make-up credit left to use"
