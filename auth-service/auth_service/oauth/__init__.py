"""OAuth 2.0 / OpenID Connect login."""
