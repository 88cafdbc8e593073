"""Lesson feedback from the bot."""
