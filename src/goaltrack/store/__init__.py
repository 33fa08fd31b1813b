"""Storage: reading data files (TOML, positions), the canonical layout, atomic locked writes,
finding the dataset, the JSON Schema, new datasets.
"""
