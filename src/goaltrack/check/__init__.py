"""Checks: cross-file rules, quotes against their sources, quote values, and `validate`, which
loads and checks a dataset in one call.
"""
