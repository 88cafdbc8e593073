"""Events the BFF listens to (consumed.py, handlers.py): changes that make cached data or sessions
stale. It publishes none."""
