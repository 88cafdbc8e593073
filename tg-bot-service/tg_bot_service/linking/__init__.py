"""Binding a Telegram chat to a platform account."""
