"""Level assessments with history."""
