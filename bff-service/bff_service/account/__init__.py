"""The logged-in person's own account: `/api/me`, notification preferences, Telegram linking."""
