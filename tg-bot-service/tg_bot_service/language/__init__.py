"""The user's language: Russian or English."""
