"""Password policy errors."""

from studio_kit.errors import UnprocessableEntity


class WeakPassword(UnprocessableEntity):
    code = "weak_password"
    title = "Password too weak"
