"""The trial-lesson request dialogue."""
