"""Online payments for packages through a provider speaking YooKassa's API v3."""
