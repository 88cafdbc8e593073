"""Errors of the login flows."""

from studio_kit.errors import BadRequest


class OAuthStartFailed(BadRequest):
    code = "oauth_start_failed"
    title = "The login provider could not be reached"
