"""Single-use, expiring links: invitations, password resets, email verification, Telegram linking."""
