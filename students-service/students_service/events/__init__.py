"""Events this service publishes (published.py) and consumes (handlers.py)."""
