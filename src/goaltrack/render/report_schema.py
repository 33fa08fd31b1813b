"""The JSON report's schema, as models: `goaltrack schema --report` prints it, tests validate
real output against it (extra keys forbidden), so the two cannot drift apart."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ..core.vocab import Direction, Lang, Method, Nature, Status, Vintage


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PointOut(_M):
    period: str
    year: int
    value: float | None
    state: str | None
    measure: str
    source: str
    status: str
    partial: bool


class NotUsed(PointOut):
    why: str


class InheritedOut(_M):
    indicator: str
    period: str
    source: str


class BaselineOut(_M):
    year: int | None
    value: float | None
    inherited: InheritedOut | None


class ProjectionOut(_M):
    value: float | None
    meets: bool | None
    status: str | None


class EvaluationOut(_M):
    plan: str
    indicator: str
    name: str
    name_en: str | None
    category: str
    nature: Nature
    direction: Direction
    unit: str
    scope: str
    target_index: int
    kind: str
    target: str
    target_spec: dict[str, Any] | None
    status: Status
    final: bool
    reason: str
    override_reason: str | None
    flags: list[str]
    provisional: list[str]
    baseline: BaselineOut
    target_year: int | None
    target_value: float | None
    latest: PointOut | None
    progress: float | None
    time_elapsed: float | None
    pace_ratio: float | None
    required: float | None
    required_label: str | None
    projection: ProjectionOut
    components: dict[str, Any]
    inputs: list[PointOut]
    context: list[NotUsed]
    not_used: list[NotUsed]
    sources: list[str]
    citation: dict[str, Any] | None


class TotalsOut(_M):
    targets: int
    provisional: int
    tracked: int


class PlanOut(_M):
    id: str
    name: str
    name_en: str | None
    start: int
    end: int
    baseline_year: int
    summary: dict[Status, int]
    summary_provisional: dict[Status, int]
    summary_totals: TotalsOut
    evaluations: list[EvaluationOut]


class ThresholdsOut(_M):
    on_track: float
    at_risk: float


class ReportOut(_M):
    schema_version: Literal[2]
    generator: str
    lang: Lang
    as_of: str
    vintage: Vintage
    method: Method
    thresholds: ThresholdsOut
    summary: dict[Status, int]
    summary_provisional: dict[Status, int]
    summary_totals: TotalsOut
    summary_by_nature: dict[str, dict[Status, int]]
    plans: list[PlanOut]


def report_schema_json() -> str:
    schema = ReportOut.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "goaltrack report (JSON)"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
