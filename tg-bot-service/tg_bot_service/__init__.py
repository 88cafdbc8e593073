"""tg-bot-service.

The Telegram bot: trial requests, account linking, reminders and feedback.
"""
