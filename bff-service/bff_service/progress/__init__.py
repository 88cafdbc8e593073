"""A student's CEFR level assessments with their history (students-service decides who may)."""
