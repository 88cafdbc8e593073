"""'My lessons' for linked users."""
