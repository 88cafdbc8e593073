"""Sending the Telegram messages notifications-service asks for."""
