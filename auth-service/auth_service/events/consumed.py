"""The parts of other services' events this service reads (none yet): one `ConsumedEvent` per
event type, with only the fields its handler uses (see docs/contributing.md, "Add an event")."""
