"""Lessons: booking through calendary holds, listing, cancellation policy and rescheduling."""
