"""Trial requests from the bot and the admin funnel."""
