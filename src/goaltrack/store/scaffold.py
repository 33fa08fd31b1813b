"""`goaltrack init`: the files of a new dataset, a small plan that passes `check --strict`.

Every file carries comments that say what each field means, so a newcomer can edit the
example into their own plan. The figures are examples, not data of any real place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from ..core.models import ID_PATTERN

LEVELS = ("national", "provincial", "city", "district", "county")
_PLACE = {
    "national": "全国",
    "provincial": "示例省",
    "city": "示例市",
    "district": "示例区",
    "county": "示例县",
}
# The whole jurisdiction, as statistics name it: a plan's default scope.
SCOPE = {
    "national": "全国",
    "provincial": "全省",
    "city": "全市",
    "district": "全区",
    "county": "全县",
}
_PLACE_EN = {
    "national": "Example country",
    "provincial": "Example province",
    "city": "Example City",
    "district": "Example district",
    "county": "Example county",
}

_PLAN = Template("""\
#:schema ../schema/goaltrack.schema.json

# The plan itself. Replace the example values with your plan's (docs/format.md, `[plan]`).
[plan]
id = "$plan"                  # lower-case id, unique in the dataset; other files refer to it
name = "$place国民经济和社会发展第十四个五年规划纲要"   # the plan's full title
name_en = "$place_en 14th Five-Year Plan"    # optional: English name, shown with --lang en
jurisdiction = "$place"       # whose plan it is
jurisdiction_en = "$place_en" # optional
level = "$level"              # national | provincial | city | district | county
start = 2021                  # first year of the plan period
end = 2025                    # last year: targets without `year` are for this year
baseline_year = 2020          # the year targets are measured from (usually start - 1)
published = 2021-03-01        # when the plan was published: a date, "2021" or "2021-03"
source = "$plan-outline"      # the source (sources.toml) the plan text comes from
scope = "$scope"               # the area every indicator covers unless it says otherwise

[plan.categories]             # optional: the plan's own areas, id = label
economy = "经济发展"
innovation = "创新驱动"
livelihood = "民生福祉"
""")

_INDICATORS = Template("""\
#:schema ../schema/goaltrack.schema.json

# What the plan measures, and its targets: one indicator of each common kind of target.
# Every field is explained in docs/format.md; `goaltrack check` says what is missing.
[defaults]
plan = "$plan"                # the indicators below belong to this plan

# A level target (the value in the target year) and a growth target (average % a year).
[[indicators]]
id = "gdp"                    # lower-case id, unique across the dataset
name = "地区生产总值"          # the name the plan uses
name_en = "GDP"               # optional: English name
category = "economy"          # one of the plan's categories
unit = "亿元"                 # a magnitude (万, 亿, …) and a base unit (docs/format.md, Units)
direction = "higher"          # higher | lower | neither: which way is better
nature = "expected"           # binding (约束性) | expected (预期性) | unspecified
# The base-year value; `source` and `quote` say where it is written (optional).
baseline = { year = 2020, value = 7000, source = "$plan-outline", quote = "地区生产总值7000亿元" }
# Where the target is stated: the source, the section and a short verbatim quote.
citation = { source = "$plan-outline", section = "第一章", quote = "地区生产总值年均增长6%以上" }

[[indicators.targets]]
kind = "level"                # the value in the target year
operator = "at_least"         # at_least | more_than | at_most | less_than | about | between | equal
value = 10000                 # in the indicator's unit: 10000 亿元

[[indicators.targets]]
kind = "growth"               # average annual growth in %, from the baseline year
operator = "at_least"
value = 6                     # percentages are written as numbers: 6 means 6 %, not 0.06

# A hold target: a bound that must hold in every year of the plan.
[[indicators]]
id = "unemployment"
name = "城镇登记失业率"
name_en = "Registered urban unemployment"
category = "livelihood"
unit = "%"
direction = "lower"           # lower is better (inferred when every target is at_most)
nature = "expected"
citation = { source = "$plan-outline", section = "第一章", quote = "城镇登记失业率控制在4.5%以内" }

[[indicators.targets]]
kind = "hold"                 # every year from the plan's start to `year`
operator = "at_most"
value = 4.5

# A cumulative target: the sum of yearly flows over the plan period.
[[indicators]]
id = "new-urban-jobs"
name = "城镇新增就业"
name_en = "New urban jobs"
category = "livelihood"
unit = "万人"
nature = "expected"
citation = { source = "$plan-outline", section = "第一章", quote = "五年累计新增城镇就业40万人" }

[[indicators.targets]]
kind = "cumulative"           # figures for it are flows: measure = "flow"
operator = "at_least"
value = 40

# A multiple of the baseline (翻一番 = 2): needs a baseline.
[[indicators]]
id = "hitech-firms"
name = "高新技术企业数量"
name_en = "High-tech enterprises"
category = "innovation"
unit = "家"
nature = "expected"
baseline = { year = 2020, value = 2400, source = "$plan-outline", quote = "高新技术企业2400家" }
citation = { source = "$plan-outline", section = "第二章", quote = "高新技术企业数量实现倍增" }

[[indicators.targets]]
kind = "multiple"
value = 2

# A milestone: a qualitative goal, done or not yet.
[[indicators]]
id = "science-city"
name = "科学城建设"
name_en = "Science city"
category = "innovation"
unit = "项"
nature = "unspecified"
citation = { source = "$plan-outline", section = "第二章", quote = "科学城主体框架基本建成" }

[[indicators.targets]]
kind = "milestone"
description = "科学城主体框架基本建成"
description_en = "Main framework of the science city basically built"  # optional: English output
""")

_SOURCES = Template("""\
#:schema schema/goaltrack.schema.json

# The documents targets and figures come from, one [[sources]] each (docs/format.md).
# `file` names the document's archived text inside the directory given to
# `check --sources DIR`, which then verifies every quote; without `file` a source is
# unarchived and its quotes cannot be verified.
[[sources]]
id = "$plan-outline"          # the plan text itself
title = "$place国民经济和社会发展第十四个五年规划纲要"
publisher = "$place人民政府"   # optional
published = 2021-03-01        # a date, or "2021" / "2021-03"
# url = "https://…"           # optional: where it was read
# file = "plan-outline.txt"   # optional: the archived text under --sources DIR
reliability = "the plan as published by the government"   # optional: how far to trust it

[[sources]]
id = "$bulletin"
title = "${place}2023年国民经济和社会发展统计公报"
publisher = "$place统计局"
published = 2024-03-20        # must be after the periods its figures report
reliability = "statistics bureau bulletin"
""")

_ACTUALS = Template("""\
#:schema ../schema/goaltrack.schema.json

# Figures reported by one source: one file per source document (docs/format.md, [[actuals]]).
# `goaltrack record INDICATOR PERIOD VALUE --source $bulletin` appends to this file.
[defaults]
source = "$bulletin"  # every figure below comes from this source

[[actuals]]
indicator = "gdp"             # the indicator's id
period = "2023"               # a year; "2023-01..10" or "2023-H1" for part of a year
value = 8750                  # in the indicator's unit (亿元) unless `unit` says otherwise
quote = "地区生产总值8750亿元"  # short verbatim quote of the figure in the source

[[actuals]]
indicator = "gdp"
period = "2023"
value = 6.0
unit = "%"                    # a growth figure is in % on the previous year
measure = "growth"            # level (default) | growth | flow | cumulative | milestone
quote = "比上年增长6.0%"

[[actuals]]
indicator = "unemployment"
period = "2023"
value = 3.8
quote = "城镇登记失业率3.8%"

[[actuals]]
indicator = "new-urban-jobs"
period = "2023"
value = 8.3
measure = "flow"              # new jobs during the year, for the cumulative target
quote = "城镇新增就业8.3万人"

[[actuals]]
indicator = "hitech-firms"
period = "2023"
value = 3600
status = "final"              # final | preliminary | estimate
quote = "高新技术企业3600家"

[[actuals]]
indicator = "science-city"
period = "2023"
state = "in_progress"         # done | in_progress | at_risk | not_started | failed
measure = "milestone"
notes = "主体框架建设中"        # free text: why, caveats, wording of unarchived sources
""")


class ScaffoldError(ValueError):
    """The skeleton cannot be written as asked."""


@dataclass(frozen=True, slots=True)
class Skeleton:
    """Relative path → text of every file of a new dataset."""

    files: dict[str, str]

    def existing(self, root: Path) -> list[Path]:
        return [root / rel for rel in self.files if (root / rel).exists()]


def skeleton(plan: str, level: str) -> Skeleton:
    """The files of a new dataset for plan `plan` of a jurisdiction at `level`."""
    if not re.match(ID_PATTERN, plan) or len(plan) > 60:
        raise ScaffoldError(
            f"plan id {plan!r} is not an id: lower-case letters, digits, "
            "'.', '_' and '-', starting with a letter or digit"
        )
    if level not in LEVELS:
        raise ScaffoldError(f"unknown level {level!r}: use {', '.join(LEVELS)}")
    from .schema import data_schema_json

    bulletin = f"{plan}-bulletin-2023"
    values = {
        "plan": plan,
        "level": level,
        "place": _PLACE[level],
        "place_en": _PLACE_EN[level],
        "bulletin": bulletin,
        "scope": SCOPE[level],
    }
    return Skeleton(
        {
            f"{plan}/plan.toml": _PLAN.substitute(values),
            f"{plan}/indicators.toml": _INDICATORS.substitute(values),
            "sources.toml": _SOURCES.substitute(values),
            f"actuals/{bulletin}.toml": _ACTUALS.substitute(values),
            "schema/goaltrack.schema.json": data_schema_json(),
        }
    )
