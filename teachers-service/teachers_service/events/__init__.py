"""Events this service publishes (published.py), the parts of others' events it reads (consumed.py),
and the handlers of those (handlers.py)."""
