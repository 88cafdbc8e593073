"""Errors of the admin screens."""

from studio_kit.errors import UnprocessableEntity


class InviteNeedsEmail(UnprocessableEntity):
    code = "invite_needs_email"
    title = "An invitation needs an e-mail address"
