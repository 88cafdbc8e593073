"""The studio's audit trail, gathered from every service's `audit.recorded` events (ADR 0120)."""
