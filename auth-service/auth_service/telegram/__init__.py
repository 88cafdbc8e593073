"""Telegram Login, Mini App initData, and linking a chat to an account."""
