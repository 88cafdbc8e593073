"""groups-service.

Groups, weekly patterns, membership with full history, moves and the waitlist.
"""
