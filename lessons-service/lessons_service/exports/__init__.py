"""The attendance export for the accountant: every seat of every lesson in a date range, streamed."""
