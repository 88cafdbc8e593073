"""Errors of the debts list."""

from studio_kit.errors import Conflict


class NothingOwed(Conflict):
    code = "nothing_owed"
    title = "The student owes nothing and has no package ending soon"
