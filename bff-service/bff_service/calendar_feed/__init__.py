"""Every user's private iCal subscription link and the public feed behind it (calendary-service owns both)."""
