"""Student profiles, their search, and the teacher-student relation behind authorization."""
