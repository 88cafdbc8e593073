"""Cheap reads for the dashboards: an aggregate in one call instead of a count per status."""
