"""Delivery channels: adapters to things outside the service (SMTP relay, SMS provider, push services)."""
