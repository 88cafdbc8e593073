"""lessons-service.

Lessons, the booking saga, the attendance journal, cancellation policy and feedback.
"""
