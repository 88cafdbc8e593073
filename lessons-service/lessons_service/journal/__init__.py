"""The attendance journal: marks, topic, homework, notes, completion and the group matrix."""
