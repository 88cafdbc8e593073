"""Cookie sessions: tokens stay in Redis, the browser holds an opaque id and a CSRF token."""
