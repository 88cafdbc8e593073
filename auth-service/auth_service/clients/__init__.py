"""Service clients: the OAuth 2.0 client-credentials grant."""
