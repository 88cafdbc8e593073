"""Shared infrastructure for the studio platform's services: config, db, auth, errors, http,
messaging, observability and the app factory. It never imports a service."""
