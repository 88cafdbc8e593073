"""Events this service publishes (published.py) and consumes (consumed.py, handlers.py)."""
