"""Screens of the student: dashboard, booking, lessons, ledger."""
