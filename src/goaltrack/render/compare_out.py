"""The succession view (`report --compare PRED,SUCC`): terminal table, JSON, Markdown, CSV,
HTML and TOML.

Every renderer reads the same rows (compare_rows) and escapes data for its own channel
(sanitize.py), as the report's renderers do.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..core.dataset import Dataset
from ..core.sanitize import clean, json_safe
from ..core.sanitize import markdown as md_escape
from ..core.vocab import Lang
from .compare_rows import AMBITIONS, CompareRow, ambition_text
from .labels import STATUS_STYLE, glyphs, plan_name, t

if TYPE_CHECKING:
    from rich.console import Console

COMPARE_SCHEMA_VERSION = 1


def _heads(ds: Dataset, before: str, after: str, lang: Lang) -> dict[str, str]:
    return {
        "indicator": t(lang, "cmp.indicator"),
        "before_target": t(lang, "cmp.before_target", plan=before),
        "outcome": t(lang, "cmp.outcome"),
        "status": t(lang, "cmp.verdict"),
        "after_target": t(lang, "cmp.after_target", plan=after),
        "ambition": t(lang, "cmp.ambition"),
    }


def _title(ds: Dataset, before: str, after: str, lang: Lang) -> str:
    return t(
        lang, "cmp.title", before=plan_name(ds, before, lang), after=plan_name(ds, after, lang)
    )


def render_compare_table(
    ds: Dataset,
    rows: list[CompareRow],
    before: str,
    after: str,
    as_of: str,
    console: Console,
    lang: Lang = "en",
    ascii_only: bool = False,
) -> None:
    from rich.text import Text

    from .layout import Col, glue_units
    from .terminal import fitted_table

    g = glyphs(ascii_only)
    console.print(Text(g(clean(_title(ds, before, after, lang))), style="bold"))
    cells: dict[str, list[str]] = {k: [] for k in _heads(ds, before, after, lang)}
    for r in rows:
        cells["indicator"].append(r.name)
        cells["before_target"].append(r.before_target)
        cells["outcome"].append(r.outcome)
        cells["status"].append(r.verdict or "—")
        cells["after_target"].append(r.after_target)
        cells["ambition"].append(ambition_text(r, lang))
    cells = {
        k: [glue_units(g(clean(c))) if k != "status" else g(clean(c)) for c in v]
        for k, v in cells.items()
    }
    head = _heads(ds, before, after, lang)
    cols = [
        Col("indicator", head["indicator"], cells["indicator"], 3),
        Col("before_target", head["before_target"], cells["before_target"], 2),
        Col("outcome", head["outcome"], cells["outcome"], 2),
        Col("status", head["status"], cells["status"], fixed=True),
        Col("after_target", head["after_target"], cells["after_target"], 2),
        Col("ambition", head["ambition"], cells["ambition"], 2),
    ]
    styles: list[str | None] = [STATUS_STYLE[r.status] if r.status else None for r in rows]
    console.print(
        fitted_table(cols, console.width, ("outcome", "before_target"), ascii_only, styles)
    )
    console.print(Text(g(t(lang, "cmp.note", d=as_of)), style="dim"))


def _row_dict(r: CompareRow, lang: Lang) -> dict[str, Any]:
    return {
        "name": r.name,
        "category": r.category,
        "before": None
        if r.before_indicator is None
        else {
            "indicator": r.before_indicator,
            "target": r.before_target,
            "outcome": {
                "text": r.outcome,
                "value": r.outcome_value,
                "unit": r.outcome_unit,
                "period": r.outcome_period,
            },
            "status": r.status,
            "final": r.final,
            "flags": list(r.flags),
            "ask": r.before_ask,
        },
        "after": None
        if r.after_indicator is None
        else {"indicator": r.after_indicator, "target": r.after_target, "ask": r.after_ask},
        "ambition": r.ambition,
        "ask_group": r.ask_group,
        "ask_unit": r.ask_unit,
        "change": r.change or None,
    }


def compare_doc(
    ds: Dataset, rows: list[CompareRow], before: str, after: str, as_of: str, lang: Lang = "en"
) -> dict[str, Any]:
    """The view as plain data: the JSON and TOML outputs."""
    return {
        "schema_version": COMPARE_SCHEMA_VERSION,
        "generator": f"goaltrack {__version__}",
        "lang": lang,
        "as_of": as_of,
        "before": {"id": before, "name": plan_name(ds, before, lang)},
        "after": {"id": after, "name": plan_name(ds, after, lang)},
        "summary": {a: sum(1 for r in rows if r.ambition == a) for a in AMBITIONS},
        "rows": [_row_dict(r, lang) for r in rows],
    }


def render_compare_json(
    ds: Dataset, rows: list[CompareRow], before: str, after: str, as_of: str, lang: Lang = "en"
) -> str:
    doc = compare_doc(ds, rows, before, after, as_of, lang)
    return json.dumps(json_safe(doc), ensure_ascii=False, indent=2) + "\n"


def _no_nulls(obj: Any) -> Any:
    """TOML has no null: a missing value is left out."""
    if isinstance(obj, dict):
        return {k: _no_nulls(v) for k, v in obj.items() if v is not None}
    if isinstance(obj, list):
        return [_no_nulls(v) for v in obj]
    return obj


def render_compare_toml(
    ds: Dataset, rows: list[CompareRow], before: str, after: str, as_of: str, lang: Lang = "en"
) -> str:
    import tomli_w

    return tomli_w.dumps(_no_nulls(json_safe(compare_doc(ds, rows, before, after, as_of, lang))))


def render_compare_md(
    ds: Dataset, rows: list[CompareRow], before: str, after: str, as_of: str, lang: Lang = "en"
) -> str:
    head = _heads(ds, before, after, lang)
    out = [
        f"# {md_escape(_title(ds, before, after, lang))}",
        "",
        "| " + " | ".join(md_escape(h) for h in head.values()) + " |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            "| "
            + " | ".join(
                md_escape(c)
                for c in (
                    r.name,
                    r.before_target,
                    r.outcome,
                    r.verdict or "—",
                    r.after_target,
                    ambition_text(r, lang),
                )
            )
            + " |"
        )
    out += ["", md_escape(t(lang, "cmp.note", d=as_of)), ""]
    return "\n".join(out)


CSV_COLUMNS = (
    "name",
    "category",
    "before_indicator",
    "before_target",
    "outcome",
    "outcome_value",
    "outcome_unit",
    "outcome_period",
    "status",
    "final",
    "after_indicator",
    "after_target",
    "ambition",
    "ask_unit",
    "before_ask",
    "after_ask",
)


def render_compare_csv(rows: list[CompareRow], bom: bool = False) -> str:
    from .csv_export import csv_value

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for r in rows:
        w.writerow(
            [
                csv_value(v)
                for v in (
                    r.name,
                    r.category,
                    r.before_indicator,
                    r.before_target,
                    r.outcome,
                    r.outcome_value,
                    r.outcome_unit,
                    r.outcome_period,
                    r.status,
                    r.final if r.before_indicator else None,
                    r.after_indicator,
                    r.after_target,
                    r.ambition,
                    r.ask_unit,
                    r.before_ask,
                    r.after_ask,
                )
            ]
        )
    return ("\ufeff" if bom else "") + buf.getvalue()


def render_compare_html(
    ds: Dataset, rows: list[CompareRow], before: str, after: str, as_of: str, lang: Lang = "en"
) -> str:
    """A standalone page (the report's style sheet), every datum escaped."""
    from ..core.sanitize import html_text as escape
    from .charts import TEXT_COLOUR
    from .html_export import CSS

    title = _title(ds, before, after, lang)
    heads = "".join(f"<th>{escape(h)}</th>" for h in _heads(ds, before, after, lang).values())
    body = []
    for r in rows:
        ids = " → ".join(escape(i) for i in (r.before_indicator, r.after_indicator) if i)
        colour = TEXT_COLOUR[r.status] if r.status else "inherit"
        body.append(
            f'<tr><td>{escape(r.name)}<div class="id">{ids}</div></td>'
            f"<td>{escape(r.before_target)}</td><td>{escape(r.outcome)}</td>"
            f'<td class="status" style="color:{colour}">{escape(r.verdict or "—")}</td>'
            f"<td>{escape(r.after_target)}</td><td>{escape(ambition_text(r, lang))}</td></tr>"
        )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{"zh-Hans" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width,initial-scale=1">',
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
            f"<h1>{escape(title)}</h1>",
            f"<table><thead><tr>{heads}</tr></thead><tbody>",
            *body,
            "</tbody></table>",
            f"<p>{escape(t(lang, 'cmp.note', d=as_of))}</p>",
            "</body></html>\n",
        ]
    )
