"""Events this service publishes and consumes."""
