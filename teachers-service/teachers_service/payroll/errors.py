"""Errors of payroll."""

from studio_kit.errors import Conflict


class NothingToPay(Conflict):
    code = "nothing_to_pay"
    title = "The teacher has no lessons to pay in that month"
