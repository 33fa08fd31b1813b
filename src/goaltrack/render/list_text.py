"""`goaltrack list` as plain text: one block per plan, then the sources."""

from __future__ import annotations

from typing import Any

from ..core.sanitize import display_width, line_start


def _plain(value: object) -> str:
    """One line of inert text: newlines, escapes and bidi controls shown escaped."""
    return line_start("" if value is None else str(value)).strip()


def _table(
    rows: list[list[str]], indent: str, width: int | None = None, wraps: tuple[int, ...] = ()
) -> list[str]:
    """Columns two spaces apart; with a `width`, the columns in `wraps` (names, titles) are
    wrapped between tokens (render/layout.py) so that the lines fit when the tokens do."""
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    if width is not None and wraps:
        from .layout import Col, fit, wrap

        cols = [
            Col(str(i), rows[0][i], [r[i] for r in rows[1:]], fixed=i not in wraps)
            for i in range(len(widths))
        ]
        room = width - len(indent) + 2
        fits = sum(c.min for c in cols) + 2 * len(cols) <= room
        if fits:
            _, fitted = fit(cols, room, 2, ())
        if not fits or any(fitted[i] < min(16, cols[i].natural) for i in wraps):
            # Too narrow for a row a line: the id, then its other fields under it, named.
            under = indent + "  "
            out: list[str] = []
            for r in rows[1:]:
                out.append(indent + r[0])
                rest = " · ".join(f"{rows[0][i]} {r[i]}" for i in range(1, len(r)))
                out += [under + ln for ln in wrap(rest, max(8, width - len(under))).split("\n")]
            return out
        widths = fitted
    out = []
    for r in rows:
        if width is None or not wraps:
            cells = [c + " " * (w - display_width(c)) for c, w in zip(r, widths, strict=True)]
            out.append((indent + "  ".join(cells)).rstrip())
            continue
        from .layout import wrap

        parts = [wrap(c, w).split("\n") for c, w in zip(r, widths, strict=True)]
        for k in range(max(map(len, parts))):
            cells = [(p[k] if k < len(p) else "") for p in parts]
            cells = [c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=True)]
            out.append((indent + "  ".join(cells)).rstrip())
    return out


def _indicator_rows(indicators: list[dict[str, Any]]) -> list[list[str]]:
    rows = [["id", "name", "unit", "targets", "figures"]]
    for i in indicators:
        rows.append(
            [
                _plain(i["id"]),
                _plain(i["name"]),
                _plain(i["unit"]),
                ", ".join(i["kinds"]) or "-",
                str(i["figures"]),
            ]
        )
    return rows


def render_list_text(doc: dict[str, Any], width: int | None = None) -> str:
    """`width`: the terminal's columns, names and titles wrapped to fit; None: one line each."""
    lines: list[str] = []
    for p in doc["plans"]:
        head = f"plan {_plain(p['id'])}: {_plain(p['name'])}"
        if width is not None:
            from .layout import wrap

            head = wrap(head, width)
        lines.extend(head.split("\n"))
        lines.append(
            f"  {p['level']}, {p['start']}–{p['end']}, baseline {p['baseline_year']}, "
            f"{len(p['indicators'])} indicators"
        )
        if p["indicators"]:
            lines.extend(_table(_indicator_rows(p["indicators"]), "    ", width, (1, 3)))
        lines.append("")
    if doc["indicators_without_plan"]:
        lines.append("indicators of an undefined plan")
        lines.extend(_table(_indicator_rows(doc["indicators_without_plan"]), "    ", width, (1, 3)))
        lines.append("")
    lines.append(f"sources: {len(doc['sources'])}")
    if doc["sources"]:
        rows = [["id", "published", "archived", "figures", "title"]]
        for s in doc["sources"]:
            rows.append(
                [
                    _plain(s["id"]),
                    _plain(s["published"]) or "-",
                    "yes" if s["archived"] else "no",
                    str(s["figures"]),
                    _plain(s["title"]),
                ]
            )
        lines.extend(_table(rows, "    ", width, (4,)))
    if doc["invalid"]:
        lines.append("")
        lines.append(
            "not listed, invalid (see `goaltrack check`): "
            + ", ".join(f"{n} {section}" for section, n in doc["invalid"].items())
        )
    return "\n".join(lines) + "\n"
