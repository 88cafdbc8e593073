"""bff-service.

The public API of the web app: cookie sessions, CSRF, screen-shaped aggregation.
"""
