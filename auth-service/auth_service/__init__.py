"""auth-service.

Identities, passwords, sessions, refresh tokens, OAuth 2.0 / Telegram login, JWT issuing and JWKS, service clients.
"""
