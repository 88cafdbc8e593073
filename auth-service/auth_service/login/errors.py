"""Login errors."""

from studio_kit.errors import TooManyRequests, Unauthorized


class InvalidCredentials(Unauthorized):
    code = "invalid_credentials"
    title = "Wrong email or password"


class LoginLocked(TooManyRequests):
    code = "login_locked"
    title = "Too many failed logins; try again later"


class RateLimited(TooManyRequests):
    code = "rate_limited"
    title = "Too many requests; try again later"
