"""OAuth / OIDC login errors."""

from studio_kit.errors import BadRequest, NotFound, ServiceUnavailable, Unauthorized


class ProviderUnknown(NotFound):
    code = "oauth_provider_unknown"
    title = "This login provider is not configured"


class RedirectUriNotAllowed(BadRequest):
    code = "oauth_redirect_uri_not_allowed"
    title = "redirect_uri is not on this service's allow-list"


class OAuthStateInvalid(Unauthorized):
    code = "oauth_state_invalid"
    title = "The login attempt is unknown or expired; start again"


class OAuthFailed(Unauthorized):
    code = "oauth_failed"
    title = "The provider did not confirm this login"


class OAuthEmailUnverified(Unauthorized):
    code = "oauth_email_unverified"
    title = "The provider did not vouch for an email address"


class OAuthProviderUnavailable(ServiceUnavailable):
    code = "oauth_provider_unavailable"
    title = "The login provider cannot be reached right now"
