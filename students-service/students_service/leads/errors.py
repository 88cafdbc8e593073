"""Errors of leads."""

from studio_kit.errors import Conflict, NotFound


class LeadNotFound(NotFound):
    code = "lead_not_found"
    title = "Lead not found"


class LeadAlreadyOpen(Conflict):
    code = "lead_already_open"
    title = "Another open lead already has this phone number"


class LeadAlreadyConverted(Conflict):
    code = "lead_already_converted"
    title = "This lead is already a student"
