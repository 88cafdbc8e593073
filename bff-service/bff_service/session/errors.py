"""Errors of the cookie session."""

from studio_kit.errors import Forbidden, Unauthorized


class NotLoggedIn(Unauthorized):
    code = "not_authenticated"
    title = "Login required"


class CsrfFailed(Forbidden):
    code = "csrf_failed"
    title = "CSRF check failed"


class PasswordChangeRequired(Forbidden):
    code = "password_change_required"
    title = "Change your password first"
