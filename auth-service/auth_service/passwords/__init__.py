"""Password hashing and the password policy."""
