"""`goaltrack extract`: propose reported figures found in a bulletin or report (pure core).

The pipeline: `textin` reads the file (UTF-8 or GB18030, size-limited), `scan` normalises it
for matching while keeping a map back to the original characters (quotes stay verbatim),
`numbers` finds numbers with their units, `matching` finds indicator names and aliases,
`context` reads the measure, period, scope and status around a figure, and `candidates`
puts them together. Nothing here prints or writes; `write` appends accepted candidates.
"""
