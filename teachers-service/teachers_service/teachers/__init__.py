"""Teacher profiles: the public listing and the admin's full records."""
