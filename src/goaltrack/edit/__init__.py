"""Edits of data files that are checked before they are written (record, unrecord, source add)."""
