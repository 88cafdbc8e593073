"""/start, the main menu, prices and contacts."""
