"""Who owes the studio: negative balances and packages about to end."""
