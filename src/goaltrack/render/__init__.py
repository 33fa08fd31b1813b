"""Renderers: turn a Report into terminal tables or export formats. No evaluation here."""
