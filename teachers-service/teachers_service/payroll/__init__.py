"""Payroll lines from completed lessons and the monthly reports."""
