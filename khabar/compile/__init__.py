"""Compile stored records into an assessment: pure functions, records in, records out."""
