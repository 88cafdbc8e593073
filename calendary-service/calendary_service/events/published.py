"""Events calendary-service publishes (docs/events.md): none yet. Holds, bookings and moves are
answers to lessons-service's saga calls, which publishes the lesson's events itself; a new event
gets its `PublishedEvent` model here, as in lessons_service/events/published.py."""
