"""Group timetable and waitlist offers: activating a group books its lessons, a schedule change moves
them, closed days skip a session, and a freed seat is offered to the first on the waitlist."""
