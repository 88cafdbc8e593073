"""The append-only money ledger and the derived balance."""
