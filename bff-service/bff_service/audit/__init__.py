"""The admin's audit trail screen: who changed what, gathered by notifications-service."""
