"""Lesson packages (абонементы): sale, freeze, and lessons taken from them."""
