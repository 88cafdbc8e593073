"""Several teachers' schedules in one call, for the studio calendar."""
