"""Client-credentials errors (codes follow RFC 6749 §5.2)."""

from studio_kit.errors import BadRequest, Unauthorized


class InvalidClient(Unauthorized):
    code = "invalid_client"
    title = "Unknown client or wrong secret"

    def headers(self) -> dict[str, str] | None:
        return {"WWW-Authenticate": 'Basic realm="studio-auth"'}


class UnsupportedGrantType(BadRequest):
    code = "unsupported_grant_type"
    title = "Only the client_credentials grant is supported here"


class InvalidScope(BadRequest):
    code = "invalid_scope"
    title = "The client may not request this scope"
