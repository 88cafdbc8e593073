"""Reference data many screens share (teachers, levels, rooms), cached in Redis."""
