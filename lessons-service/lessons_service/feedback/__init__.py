"""Student feedback on completed lessons (web or the bot)."""
