"""Screens of the teacher: dashboard, schedule, availability, journal, payroll."""
