"""Trial holds: the slot a prospect picks in the bot is held in calendary until the admin books it."""
