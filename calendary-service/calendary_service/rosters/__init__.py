"""Attendee lists of booked events following the rosters lessons-service keeps (group membership)."""
