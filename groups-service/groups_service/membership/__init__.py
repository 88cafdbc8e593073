"""Membership with full history, the waitlist, moves between groups and the roster."""
