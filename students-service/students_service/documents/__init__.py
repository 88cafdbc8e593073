"""Student documents stored on a volume."""
