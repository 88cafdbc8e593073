"""Pay rates per lesson kind, with effective dates and full history."""
