"""Policy knowledge: documents, clauses, the analyzer, the index and the answerer.

Nothing here knows about chat platforms or the database.
"""
