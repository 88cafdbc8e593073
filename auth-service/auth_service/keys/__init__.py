"""Signing keys, token signing and the JWKS."""
