"""Groups: name, level, teacher, capacity, room, weekly pattern, dates, status and price."""
