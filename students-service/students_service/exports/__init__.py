"""Accountant's exports: payments, the ledger and students for a date range, streamed."""
