"""`goaltrack list` as plain text: one block per plan, then the sources."""

from __future__ import annotations

from typing import Any

from ..diagnostics import _display_width
from ..sanitize import line_start


def _plain(value: object) -> str:
    """One line of inert text: newlines, escapes and bidi controls shown escaped."""
    return line_start("" if value is None else str(value)).strip()


def _table(rows: list[list[str]], indent: str) -> list[str]:
    widths = [max(_display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [c + " " * (w - _display_width(c)) for c, w in zip(r, widths, strict=True)]
        out.append((indent + "  ".join(cells)).rstrip())
    return out


def _indicator_rows(indicators: list[dict[str, Any]]) -> list[list[str]]:
    rows = [["id", "name", "unit", "targets", "figures"]]
    for i in indicators:
        rows.append([_plain(i["id"]), _plain(i["name"]), _plain(i["unit"]),
                     ", ".join(i["kinds"]) or "-", str(i["figures"])])
    return rows


def render_list_text(doc: dict[str, Any]) -> str:
    lines: list[str] = []
    for p in doc["plans"]:
        lines.append(f"plan {_plain(p['id'])}: {_plain(p['name'])}")
        lines.append(f"  {p['level']}, {p['start']}–{p['end']}, baseline {p['baseline_year']}, "
                     f"{len(p['indicators'])} indicators")
        if p["indicators"]:
            lines.extend(_table(_indicator_rows(p["indicators"]), "    "))
        lines.append("")
    if doc["indicators_without_plan"]:
        lines.append("indicators of an undefined plan")
        lines.extend(_table(_indicator_rows(doc["indicators_without_plan"]), "    "))
        lines.append("")
    lines.append(f"sources: {len(doc['sources'])}")
    if doc["sources"]:
        rows = [["id", "published", "archived", "figures", "title"]]
        for s in doc["sources"]:
            rows.append([_plain(s["id"]), _plain(s["published"]) or "-",
                         "yes" if s["archived"] else "no", str(s["figures"]),
                         _plain(s["title"])])
        lines.extend(_table(rows, "    "))
    if doc["invalid"]:
        lines.append("")
        lines.append("not listed, invalid (see `goaltrack check`): " + ", ".join(
            f"{n} {section}" for section, n in doc["invalid"].items()))
    return "\n".join(lines) + "\n"
