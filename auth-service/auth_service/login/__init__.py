"""Password login with rate limiting and temporary lockout."""
