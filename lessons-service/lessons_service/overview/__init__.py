"""Cheap reads for the dashboards: what a screen needs in one call instead of several."""
