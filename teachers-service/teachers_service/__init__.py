"""teachers-service.

Teacher profiles, rates with history and payroll.
"""
