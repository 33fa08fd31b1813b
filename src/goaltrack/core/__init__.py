"""The pure core: the data model, units, periods, dates, vocabularies and the problem type. No I/O,
nothing of the terminal.
"""
