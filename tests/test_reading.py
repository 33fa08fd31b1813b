"""Reading the report: languages, widths, the tracked status, filters, the gate, the latest
figure, not-used explanations, and the HTML as a browser draws it."""

from __future__ import annotations

import csv
import html
import io
import itertools
import json
import re
import shutil
import struct
import subprocess
import unicodedata
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from goaltrack.check.validate import check_dataset
from goaltrack.cli import app
from goaltrack.core.vocab import Lang
from goaltrack.evaluate import Options
from goaltrack.evaluate.components import (
    CumulativeComponents,
    GrowthComponents,
    LevelComponents,
)
from goaltrack.evaluate.messages import M, msg
from goaltrack.evaluate.selection import AsOf
from goaltrack.evaluate.summary import build_report
from goaltrack.render.labels import TEXT
from goaltrack.render.layout import tokens
from goaltrack.render.messages import say, say_one
from goaltrack.render.rows import rows

from .conftest import FIXTURES, PLAN, VALID

BUNDLED = Path(__file__).parent.parent / "targets"
STATUSES = FIXTURES / "statuses"
DATASETS = (BUNDLED, VALID, STATUSES)


def run(*args: str, columns: int = 120) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": str(columns)})
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


def report_rows(path: Path, as_of: str, lang: Lang) -> list:  # type: ignore[type-arg]
    ds = check_dataset([path]).dataset
    return rows(build_report(ds, Options(AsOf.parse(as_of))), lang)


# --- Chinese everywhere -------------------------------------------------------------------


@pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.name)
@pytest.mark.parametrize("as_of", ["2022", "2024-06-30", "2026"])
def test_every_explanation_is_said_in_chinese(path: Path, as_of: str) -> None:
    """Every clause of every reason, note and working of real evaluations has Chinese words
    of its own (never the English sentence with the Chinese separators)."""
    for r in report_rows(path, as_of, "zh"):
        e = r.evaluation
        assert r.reason == say(e.reason, "zh")
        clauses = [
            *e.reason,
            *(m for why in e.provisional for m in why),
            *(m for _, m in (*e.context, *e.superseded)),
        ]
        comp = e.components
        if isinstance(comp, CumulativeComponents) and comp.source is not None:
            clauses.append(comp.source)
        if isinstance(comp, GrowthComponents):
            clauses += comp.rates_from or ()
        if isinstance(comp, LevelComponents) and comp.projection is not None:
            clauses.append(comp.projection)
        for m in clauses:
            said = say_one(m, "zh")
            assert said != say_one(m, "en"), said
            assert re.search(r"[\u4e00-\u9fff]", said), said


def _english_words(text: str, allowed: set[str]) -> list[str]:
    words = re.findall(r"[A-Za-z][A-Za-z_]+(?:[ -][A-Za-z_]+)*", text)
    return [w for w in words if not set(w.split(" ")) <= allowed]


@pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.name)
def test_zh_labels_targets_and_latest_are_chinese(path: Path) -> None:
    ds = check_dataset([path]).dataset
    # ids, source ids and units are data and stay as written
    allowed = set(ds.indicators) | set(ds.sources) | {i.unit for i in ds.indicators.values()}
    allowed |= {w for i in ds.indicators.values() for w in re.split(r"[ -]", i.unit)}
    allowed |= {w for i in ds.indicators.values() for w in re.findall(r"[A-Za-z&]+", i.name)}
    for r in report_rows(path, "2026", "zh"):
        descs = {t.description or "" for t in ds.indicators[r.indicator].targets}
        text = " ".join(
            x for x in (r.target, r.latest, r.flag_words, r.category_label) if x not in descs
        )
        # an id with digits (cn14-gdp) would split into words the set cannot hold: drop ids whole
        for ind_id in sorted(ds.indicators, key=len, reverse=True):
            text = text.replace(ind_id, " ")
        assert _english_words(text.replace("R&D", ""), allowed) == [], text


@pytest.mark.parametrize("fmt", ["table", "md", "html", "svg"])
def test_zh_output_has_no_english_label(fmt: str) -> None:
    code, out, _ = run(
        "report", "-f", fmt, "--lang", "zh", "--as-of", "2025-06-30", "--plan", "s", str(STATUSES)
    )
    assert code == 0
    if fmt in ("html", "svg"):  # ids (`achieved`, `tracked`…) are data, not labels
        out = re.sub(r"<[^>]*>", " ", re.sub(r'<div class="id">.*?</div>', "", out))
    for word in (
        "achieved",
        "on track",
        "at risk",
        "no data",
        "tracked",
        "Indicator",
        "Target",
        "Latest",
        "Progress",
        "binding",
        "every year",
        "growth",
        "as of",
        "period",
        "Summary",
        "Why",
    ):
        assert word not in out, word
    for word in (
        "已完成",
        "进度正常",
        "仅跟踪",
        "增长2%",
        "指标",
        "最新",
        "汇总" if fmt == "html" else "规划",
    ):
        assert word in out, word


def test_show_zh_is_chinese() -> None:
    code, out, _ = run("show", "gdp", "--lang", "zh", "--as-of", "2025-06-30", str(VALID))
    assert code == 0
    for word in (
        "Reported figures",
        "higher is better",
        "still required",
        "not used",
        "Target:",
        "pace ratio",
        "average G",
        "yearly rates",
    ):
        assert word not in out, word
    for word in (
        "已发布数据",
        "越高越好",
        "尚需",
        "未采用",
        "目标：",
        "进度比",
        "逐年增速",
        "年均增长 ≥ 6%",
    ):
        assert word in out, word


def test_translation_table_has_the_same_keys_in_both_languages() -> None:
    en = set(TEXT["en"])
    zh = {k for k in TEXT["zh"] if not k.startswith("col.")}
    assert en == zh


def test_data_notes_stay_whole_and_years_are_listed_in_each_language() -> None:
    assert (
        say_one(msg(M.PROXY, notes="exports only; not total trade"), "zh")
        == "替代指标：exports only; not total trade"
    )
    reason = (
        msg(M.BROKEN_IN, years=(2023,), n=1, m=3),
        msg(M.NO_FIGURES_RECORDED, years=(2021, 2022)),
    )
    assert say(reason, "zh") == "2023 年未守住（3 年中已发布 1 年）；无 2021、2022 年数据记录"
    assert say(reason, "en") == (
        "broken in 2023 (1 of 3 years reported); no figure recorded for 2021, 2022"
    )


# --- widths -------------------------------------------------------------------------------


def _cells(r: object, lang: Lang) -> dict[str, list[str]]:
    from goaltrack.render.labels import status_label

    assert hasattr(r, "name")
    return {
        "name": [r.name],
        "status": [status_label(r.status, lang)],  # type: ignore[attr-defined]
        "target": [r.target],  # type: ignore[attr-defined]
        "latest": [r.latest],  # type: ignore[attr-defined]
    }


@pytest.mark.slow
@pytest.mark.parametrize("width", [60, 80, 120, 200])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", [BUNDLED, VALID], ids=lambda p: p.name)
def test_table_fits_width_and_splits_no_token(width: int, lang: Lang, path: Path) -> None:
    code, out, _ = run("report", "--lang", lang, "--as-of", "2025-06-30", str(path), columns=width)
    assert code == 0
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    head = next(
        line
        for line in lines
        if line.lstrip("┃│ ").startswith(TEXT[lang]["head.indicator"])
        and TEXT[lang]["head.status"] in line
    )
    for r in report_rows(path, "2025-06-30", lang):
        for col, texts in _cells(r, lang).items():
            if col in ("target", "latest") and TEXT[lang][f"head.{col}"] not in head:
                continue  # dropped at this width
            for tok in (tok for text in texts for tok in tokens(text)):
                assert tok in out, (col, tok)
    if width >= 120:
        assert TEXT[lang]["head.baseline"] in head and "█" in out
    if width == 60:
        assert TEXT[lang]["head.target"] in head and "█" not in out


def test_a_number_keeps_its_unit_on_its_line() -> None:
    code, out, _ = run(
        "report",
        "--lang",
        "zh",
        "--as-of",
        "2026",
        "--plan",
        "dalian-14fyp",
        str(BUNDLED),
        columns=60,
    )
    assert code == 0
    assert "55 亿美元左右" in out and re.search(r"\d 亿美元", out)
    assert "初步" in out and not re.search(r"初 *\n *步", out)  # a flag word stays whole


@pytest.mark.parametrize("width", [60, 80, 120])
def test_show_figures_fit_without_splitting_ids(width: int) -> None:
    code, out, _ = run("show", "gdp", "--as-of", "2025-06-30", str(BUNDLED), columns=width)
    assert code == 0
    lines = out.splitlines()
    start = lines.index("Reported figures")
    table = lines[start : next(i for i in range(start, len(lines)) if not lines[i].strip())]
    assert max(cell_len(line) for line in table) <= width
    ds = check_dataset([BUNDLED]).dataset
    for a in ds.by_indicator()["gdp"]:
        assert (a.source or "") in out and a.period in out


def test_ascii_has_no_ambiguous_width_glyphs() -> None:
    for width in (60, 120):
        code, out, _ = run("report", "--ascii", "--as-of", "2025-06-30", str(VALID), columns=width)
        assert code == 0
        odd = {c for c in out if unicodedata.east_asian_width(c) == "A"}
        assert odd == set()
        assert "o on track" in out and ">=" in out and "6%/yr" in out


def test_summary_comes_first_and_compact_hides_rows_without_data() -> None:
    code, out, _ = run("report", "--as-of", "2025-06-30", str(VALID))
    assert out.index("Targets") < out.index("Indicator")
    full = out
    code, out, _ = run("report", "--compact", "--as-of", "2025-06-30", str(VALID))
    assert code == 0
    assert "Listed companies" in full and "Listed companies" not in out
    assert "2 row(s) without data hidden" in out
    assert "GDP" in out


# --- tracked, filters, gate -----------------------------------------------------------


def test_tracked_is_a_status_everywhere() -> None:
    code, out, _ = run("report", "-f", "json", "--status", "tracked", str(BUNDLED))
    assert code == 0
    doc = json.loads(out)
    evs = [e for p in doc["plans"] for e in p["evaluations"]]
    assert evs and {e["status"] for e in evs} == {"tracked"}
    assert doc["summary"]["tracked"] == len(evs) and doc["summary"]["no_data"] == 0
    code, out, _ = run("report", "-f", "json", "--status", "no_data", str(BUNDLED))
    assert all(e["kind"] != "tracked" for p in json.loads(out)["plans"] for e in p["evaluations"])
    code, out, _ = run("report", "-f", "csv", "--status", "tracked", str(BUNDLED))
    assert {r["status"] for r in csv.DictReader(io.StringIO(out))} == {"tracked"}


@pytest.mark.parametrize(
    "flag,value,valid",
    [
        ("--plan", "nonexist", "dalian-14fyp"),
        ("--category", "nonexist", "economy"),
        ("--tag", "nonexist", ""),
    ],
)
def test_filters_matching_nothing_are_usage_errors(flag: str, value: str, valid: str) -> None:
    code, out, err = run("report", flag, value, str(BUNDLED))
    assert code == 2
    assert out == ""
    assert f"{flag} {value}: not in the dataset" in err
    assert valid in err


def test_filters_with_valid_values_matching_nothing_say_so() -> None:
    code, out, err = run("report", "--status", "missed", "--plan", "dlhtz", str(BUNDLED))
    assert code == 0
    assert "no target matches these filters" in err
    assert "Indicator" not in out


def test_compact_applies_to_markdown_html_and_svg() -> None:
    for fmt in ("md", "html", "svg"):
        code, out, _ = run(
            "report", "-f", fmt, "--compact", "--as-of", "2025-06-30", "--plan", "s", str(STATUSES)
        )
        assert code == 0
        assert "No-data indicator" not in out and "Achieved indicator" in out
        assert "1 row(s) without data hidden" in out


def test_fail_on_names_each_target() -> None:
    code, _, err = run(
        "report", "--fail-on", "missed,regressing", "--as-of", "2025-06-30", str(STATUSES)
    )
    assert code == 1
    assert "s/missed (Missed indicator): missed — ≤ 4.5% every year by 2024" in err
    assert "s/regressing (Regressing" in err and ": regressing — ≤ 30" in err
    assert "data.toml:" in err
    assert "2 target(s) with status missed, regressing" in err
    code, _, err = run(
        "report", "--lang", "zh", "--fail-on", "missed", "--as-of", "2025-06-30", str(STATUSES)
    )
    assert "s/missed (未完成指标)：未完成 — 每年 ≤ 4.5%（至2024年）：2023 年未守住" in err
    code, out, err = run(
        "report", "-f", "github", "--fail-on", "missed", "--as-of", "2025-06-30", str(STATUSES)
    )
    assert code == 1
    lines = out.splitlines()
    assert any(x.startswith("::error file=") and "title=missed::s/missed" in x for x in lines)
    assert any(x.startswith("::warning ") and "s/regressing" in x for x in lines)


# --- the latest figure and CSV ----------------------------------------------------------


def test_csv_has_measure_and_unit_of_the_latest_figure() -> None:
    code, out, _ = run("report", "-f", "csv", "--as-of", "2025-06-30", str(VALID))
    assert code == 0
    got = {
        (r["indicator"], r["kind"]): (
            r["latest_value"],
            r["latest_unit"],
            r["measure"],
            r["latest_period"],
        )
        for r in csv.DictReader(io.StringIO(out))
    }
    # growth 8.2%, 4.5%, 6% in 2021–2023: the average that decides the verdict, not 6
    g = ((1.082 * 1.045 * 1.06) ** (1 / 3) - 1) * 100
    assert got[("gdp", "growth")] == (f"{g:.2f}", "%/yr", "average_growth", "2021–2023")
    assert got[("gdp", "level")] == ("8800", "亿元", "level", "2023")
    assert got[("new-jobs", "cumulative")] == ("23.2", "万人", "cumulative", "2023–2024")
    assert got[("energy-intensity", "compound_change")] == ("-3", "%", "combined", "2021")
    assert got[("science-city", "milestone")] == ("", "", "milestone", "2024")
    code, out, _ = run("report", "-f", "csv", "--as-of", "2025-06-30", str(STATUSES))
    tracked = next(r for r in csv.DictReader(io.StringIO(out)) if r["indicator"] == "tracked")
    assert (tracked["latest_value"], tracked["latest_unit"], tracked["measure"]) == (
        "2",
        "%",
        "growth",
    )


def test_latest_column_shows_unit_and_measure() -> None:
    code, out, _ = run("report", "--as-of", "2025-06-30", str(VALID), columns=200)
    assert code == 0
    assert "avg 6.22%/yr (2021–2023)" in out
    assert "8800 亿元 (2023)" in out and "Σ 23.2 万人 (2023–2024)" in out
    code, out, _ = run("report", "--as-of", "2025-06-30", str(STATUSES), columns=200)
    assert "+2% growth (2024)" in out and "4.8% (2023)" in out


# --- not-used explanations ------------------------------------------------------------------


def test_republication_and_agreeing_reports_are_not_revisions(
    write: Callable[[str, str], Path],
) -> None:
    path = write(
        "d.toml",
        PLAN
        + """
[[sources]]
id = "a"
title = "甲"
published = 2025-01-01

[[sources]]
id = "b"
title = "乙"
published = 2025-02-01
same_text_as = "a"

[[sources]]
id = "c"
title = "丙"
published = 2025-03-01

[[indicators]]
id = "x"
name = "指标"
category = "economy"
unit = "亿元"
targets = [{ kind = "level", operator = "at_least", value = 100 }]

[[indicators]]
id = "m"
name = "里程碑"
category = "economy"
unit = "项"
targets = [{ kind = "milestone", description = "建成" }]

[[actuals]]
indicator = "x"
period = "2023"
value = 50
source = "a"

[[actuals]]
indicator = "x"
period = "2023"
value = 50
source = "b"

[[actuals]]
indicator = "x"
period = "2022"
value = 40
source = "a"

[[actuals]]
indicator = "x"
period = "2022"
value = 40
source = "c"

[[actuals]]
indicator = "m"
period = "2024"
measure = "milestone"
state = "in_progress"
source = "a"

[[actuals]]
indicator = "m"
period = "2024"
measure = "milestone"
state = "in_progress"
source = "c"
""",
    )
    code, out, err = run("show", "x", "--as-of", "2025-06-30", str(path))
    assert code == 0, err
    assert "not used: 2023 50 (a): same text as b" in out
    assert "not used: 2022 40 (a): agrees with c" in out
    assert "revised by" not in out
    code, out, _ = run("show", "m", "--as-of", "2025-06-30", str(path))
    assert "not used: 2024 in progress (a): agrees with c" in out
    code, out, _ = run("show", "m", "--lang", "zh", "--as-of", "2025-06-30", str(path))
    assert "未采用：2024 推进中 (a)：与 c 数据一致" in out.replace(": ", "：")


# --- SVG and HTML -----------------------------------------------------------------------


def test_svg_summary_by_default_and_a_chart_per_plan() -> None:
    code, out, _ = run("report", "-f", "svg", "--as-of", "2025-06-30", str(BUNDLED))
    assert code == 0
    height = float(re.search(r'height="(\d+)"', out).group(1))  # type: ignore[union-attr]
    plans = out.count('class="summary-chart"')
    assert plans > 1 and height < 60 + 130 * plans  # a slide, not the 15 000-pixel table
    code, out, _ = run("report", "-f", "svg", "--lang", "zh", "--plan", "dlhtz", str(BUNDLED))
    assert "大连高新区" in out and "仅跟踪" in out


def test_svg_columns_leave_room_for_wide_characters() -> None:
    from goaltrack.render.charts import text_px

    code, out, _ = run(
        "report", "-f", "svg", "--lang", "zh", "--plan", "s", "--as-of", "2025-06-30", str(STATUSES)
    )
    assert code == 0
    texts = re.findall(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', out)
    by_line: dict[str, list[tuple[float, str]]] = {}
    for x, y, s in texts:
        by_line.setdefault(y, []).append((float(x), s))
    for runs in by_line.values():
        runs.sort()
        for (x0, s0), (x1, _) in itertools.pairwise(runs):
            assert x0 + text_px(html.unescape(s0)) <= x1 + 0.5, (s0, x0, x1)


def _png_pixels(data: bytes, rows: int) -> tuple[int, int, list[bytes]]:
    """Width, height and the first `rows` rows (RGB) of an 8-bit RGB(A) PNG, as Chromium
    writes them."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    w = h = channels = 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * channels
    out: list[bytes] = []
    prev = bytearray(stride)
    for y in range(min(h, rows)):
        start = y * (stride + 1)
        f, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rgb = bytearray()
        for j in range(0, stride, channels):
            rgb += line[j : j + 3]
        out.append(bytes(rgb))
        prev = line
    return w, h, out


BROWSER = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)


@pytest.mark.skipif(BROWSER is None, reason="no Chromium to render the HTML with")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_renders_in_a_browser(tmp_path: Path, lang: str) -> None:
    code, out, _ = run(
        "report", "-f", "html", "--lang", lang, "--as-of", "2025-06-30", str(STATUSES)
    )
    assert code == 0
    page = tmp_path / "report.html"
    page.write_text(out, encoding="utf-8")
    shot = tmp_path / "report.png"
    subprocess.run(
        [
            str(BROWSER),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1000,900",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.exists(), "Chromium wrote no screenshot"
    w, h, pixels = _png_pixels(shot.read_bytes(), 450)  # the summary is at the top
    assert (w, h) == (1000, 900)
    colours = {bytes.fromhex(c) for c in ("1a7f37", "2da44e", "bf8700", "cf222e")}
    seen = {row[i : i + 3] for row in pixels[::3] for i in range(0, len(row), 9)}
    assert colours <= seen  # the summary chart's bars, drawn
    ink = sum(
        1
        for row in pixels[::5]
        for i in range(0, len(row), 15)
        if row[i : i + 3] != b"\xff\xff\xff"
    )
    assert ink > 1000  # text and tables, not a blank page
    if lang == "zh":
        return
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [
            str(BROWSER),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"  # printable


def test_html_has_a_summary_chart_per_plan_trajectories_and_linked_sources() -> None:
    code, out, _ = run("report", "-f", "html", "--as-of", "2026", str(BUNDLED))
    assert code == 0
    plans = json.loads(run("report", "-f", "json", "--as-of", "2026", str(BUNDLED))[1])["plans"]
    assert out.count('class="summary-chart"') == len(plans) > 1
    # every judged target with figures has its trajectory, also one that rests on part-year
    # figures alone (the bundled 科技型中小企业, supercomputing and approval-time targets)
    judged = [
        r
        for r in report_rows(BUNDLED, "2026", "en")
        if r.status != "tracked" and r.evaluation.points
    ]
    assert out.count('class="chart"') >= len(judged) > 5
    assert '<a href="https://' in out and 'href="#src-' in out
    assert "@media print" in out
