"""User accounts and admin user management."""
