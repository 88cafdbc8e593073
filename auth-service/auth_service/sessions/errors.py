"""Session errors."""

from studio_kit.errors import NotFound, Unauthorized


class InvalidRefreshToken(Unauthorized):
    code = "invalid_refresh_token"
    title = "The refresh token is not valid"


class RefreshTokenReused(Unauthorized):
    code = "refresh_token_reused"
    title = "This refresh token was already used; the session has been revoked"


class SessionEnded(Unauthorized):
    code = "session_ended"
    title = "The session has ended; log in again"


class SessionNotFound(NotFound):
    code = "session_not_found"
    title = "Session not found"
