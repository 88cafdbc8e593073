"""notifications-service.

Templates, channels (email, SMS, Telegram, web push), preferences, reminders and the delivery log.
"""
