"""Sessions: refresh-token families, access tokens, logout."""
