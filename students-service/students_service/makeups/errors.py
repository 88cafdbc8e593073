"""Errors of make-up credits."""

from studio_kit.errors import Conflict


class MakeupCreditUnavailable(Conflict):
    code = "makeup_credit_unavailable"
    title = "The student has no make-up credit left to use"
