"""calendary-service.

Teacher availability, exceptions, time off, rooms, calendar events, the slot engine and iCal feeds.
"""
