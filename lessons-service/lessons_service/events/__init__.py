"""Events this service publishes (published.py: the typed payloads) and consumes (consumed.py: the
fields it reads; handlers.py: what it does with them)."""
