"""Getting a cookie session: password, registration, Telegram Mini App, OAuth; and logout."""
