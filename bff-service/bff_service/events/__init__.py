"""Events the BFF listens to: changes that make cached data or sessions stale."""
