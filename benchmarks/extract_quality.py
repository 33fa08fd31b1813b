"""Recall and precision of `goaltrack extract`, measured against figures encoded by hand.

    .venv/bin/python benchmarks/extract_quality.py [--sources DIR] [--verbose]

Three sets: the real texts of tests/corpus/extract (public pages, openings as stored, gold by
hand in its manifest.toml; the first set and the held-out one apart; also counted: figures
proposed as the city's from another jurisdiction's text); every archived source text in DIR
(default ../shared/sources beside the repository) whose figures are encoded in
targets/actuals, each extracted with the dataset as it was without that source's figures (so
nothing is learnt from the answer); and the bulletin written for the tests
(tests/fixtures/extract). Milestones and proxies are not counted: a
milestone's state and a proxy's choice are a reader's judgement, not a number in the text.
A proposal counts as right when indicator, period, measure, scope and value all agree.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))  # tests/extract_scoring.py

from tests.extract_scoring import (  # noqa: E402
    Score,
    load_manifest,
    score,
    score_real,
    score_source,
)

from goaltrack.check.validate import check_dataset  # noqa: E402
from goaltrack.core.models import Actual  # noqa: E402
from goaltrack.extract.candidates import ExtractOptions, extract_figures  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "extract" / "bulletin-2023"
REAL = ROOT / "tests" / "corpus" / "extract"


def _default_sources() -> Path:
    for p in (ROOT.parent / "shared" / "sources", ROOT.parents[1] / "shared" / "sources"):
        if p.is_dir():
            return p
    return ROOT.parent / "shared" / "sources"


def _show(sc: Score, verbose: bool) -> None:
    right = len(sc.found) - len(sc.wrong)
    print(
        f"{sc.name:34} recall {sc.recall:6.1%} ({len(sc.hits)}/{len(sc.expected)})  "
        f"precision {sc.precision:6.1%} ({right}/{len(sc.found)})"
    )
    if verbose:
        for a in sc.missed:
            print(f"    missed  {a.indicator} {a.period} {a.measure} {a.value:g}: {a.quote or ''}")
        for c in sc.wrong:
            print(
                f"    wrong   {c.indicator} {c.period} {c.measure} {c.value}: {c.quote} "
                f"[{c.matched}]"
            )


def _total(name: str, scores: list[Score]) -> tuple[float, float]:
    expected = sum(len(s.expected) for s in scores)
    hits = sum(len(s.hits) for s in scores)
    found = sum(len(s.found) for s in scores)
    right = found - sum(len(s.wrong) for s in scores)
    recall = hits / expected if expected else 1.0
    precision = right / found if found else 1.0
    print(
        f"{name:34} recall {recall:6.1%} ({hits}/{expected})  "
        f"precision {precision:6.1%} ({right}/{found})"
    )
    return recall, precision


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", type=Path, default=_default_sources())
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and wrong ones")
    args = ap.parse_args()
    ds = check_dataset([ROOT / "targets"]).dataset
    real: dict[bool, list[Score]] = {False: [], True: []}
    foreign = {False: 0, True: 0}
    for t in load_manifest(REAL / "manifest.toml"):
        sc, other = score_real(ds, t, REAL)
        real[t.held_out].append(sc)
        foreign[t.held_out] += len(other)
        _show(sc, args.verbose)
        for c in other if args.verbose else []:
            print(f"    foreign {c.indicator} {c.period} {c.measure} {c.value}: {c.quote}")
    for held, name in ((False, "real texts (first set)"), (True, "real texts (held out)")):
        _total(name, real[held])
        print(f"{'  proposed as the city’s from another jurisdiction':34} {foreign[held]}")
    real_recall, real_precision = _total("real texts", [*real[False], *real[True]])
    print(f"{'proposed as the city’s from another jurisdiction':34} {sum(foreign.values())}")
    foreign_all = sum(foreign.values())
    real_goal = real_recall >= 0.85 and real_precision >= 0.9 and foreign_all == 0
    print(
        "goal on real texts (recall ≥ 85%, precision ≥ 90%, none from another "
        f"jurisdiction): {'met' if real_goal else 'NOT met'}"
    )
    print()
    archived: list[Score] = []
    if args.sources.is_dir():
        for sid in ds.sources:
            got = score_source(ds, sid, args.sources)
            if got is not None:
                archived.append(got)
                _show(got, args.verbose)
        _total("archived sources", archived)
    else:
        print(f"(no archived sources at {args.sources}: skipped)")
    doc = tomllib.loads(FIXTURE.with_suffix(".expected.toml").read_text(encoding="utf-8"))
    expected = [Actual.model_validate({**a, "source": "fixture"}) for a in doc["actuals"]]
    text = FIXTURE.with_suffix(".txt").read_text(encoding="utf-8")
    found = extract_figures(text, ds, ExtractOptions(2023)).candidates
    written = score("written bulletin (tests/fixtures)", found, expected, ds)
    _show(written, args.verbose)
    recall, precision = _total("archived and written", [*archived, written])
    goal = recall >= 0.8 and precision >= 0.8
    print(f"goal recall ≥ 80% and precision ≥ 80%: {'met' if goal else 'NOT met'}")
    return 0 if goal and real_goal else 1


if __name__ == "__main__":
    sys.exit(main())
