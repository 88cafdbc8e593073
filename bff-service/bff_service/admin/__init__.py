"""Screens of the admin: KPIs, people, groups, money, leads, notification log."""
