"""The HTTP endpoint Telegram posts updates to."""
