"""students-service.

Student profiles and leads, the money ledger, packages, progress and documents.
"""
