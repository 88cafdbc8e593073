"""Teachers as staff records: one record with its invitation, resending the invitation."""
