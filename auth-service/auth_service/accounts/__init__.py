"""Account lifecycle: self-registration, invitations, password reset, email verification."""
