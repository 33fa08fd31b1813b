"""JSON Schema of data files, generated from the models (committed as schema/*.json)."""

from __future__ import annotations

import json

from ..core.models import DataFile


def data_schema() -> dict[str, object]:
    schema = DataFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "goaltrack data file"
    return schema


def data_schema_json() -> str:
    return json.dumps(data_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
