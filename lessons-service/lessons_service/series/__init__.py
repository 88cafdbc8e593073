"""Group lesson series generated from a group's weekly pattern, and roster upkeep."""
