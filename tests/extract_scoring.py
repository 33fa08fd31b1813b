"""Recall and precision of extraction against figures already encoded by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from goaltrack.core.dataset import Dataset
from goaltrack.core.dates import published_date
from goaltrack.core.models import Actual
from goaltrack.core.normalise import actual_value as actual_value_in
from goaltrack.core.periods import parse_period
from goaltrack.extract.candidates import CITY_SCOPE, Candidate, ExtractOptions, extract_figures
from goaltrack.extract.textin import read_input


@dataclass(slots=True)
class Score:
    name: str
    expected: list[Actual] = field(default_factory=list)
    found: list[Candidate] = field(default_factory=list)
    hits: list[Actual] = field(default_factory=list)
    missed: list[Actual] = field(default_factory=list)
    wrong: list[Candidate] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return len(self.hits) / len(self.expected) if self.expected else 1.0

    @property
    def precision(self) -> float:
        right = len(self.found) - len(self.wrong)
        return right / len(self.found) if self.found else 1.0


def gold(ds: Dataset, source: str) -> list[Actual]:
    """The figures a person encoded from `source` that extraction should find: numbers
    (not milestones) of the indicator itself (not proxies)."""
    return [
        a
        for a in ds.actuals
        if a.source == source
        and a.measure != "milestone"
        and a.comparability == "comparable"
        and a.value is not None
    ]


def without_source(ds: Dataset, sources: set[str]) -> Dataset:
    """The dataset as it was before these sources' figures were encoded."""
    return Dataset(
        ds.plans,
        ds.indicators,
        ds.sources,
        [a for a in ds.actuals if a.source not in sources],
        ds.files,
        ds.root,
    )


def same(c: Candidate, a: Actual, ds: Dataset) -> bool:
    ind = ds.indicators[a.indicator]
    if (c.indicator, c.period, c.measure) != (a.indicator, a.period, a.measure):
        return False
    if c.scope != (a.scope or ind.scope) or c.status != a.status:
        return False
    v = actual_value_in(a, ind.unit)
    return v is not None and abs(float(c.value) - v) <= 1e-6 * max(1.0, abs(v))


def score(name: str, found: list[Candidate], expected: list[Actual], ds: Dataset) -> Score:
    sc = Score(name, expected, found)
    for a in expected:
        (sc.hits if any(same(c, a, ds) for c in found) else sc.missed).append(a)
    sc.wrong = [c for c in found if not any(same(c, a, ds) for a in expected)]
    return sc


def score_source(ds: Dataset, source: str, sources_dir: Path) -> Score | None:
    """Extract from the archived text of `source` and compare with its encoded figures."""
    src = ds.sources[source]
    if src.file is None or not (sources_dir / src.file).is_file():
        return None
    linked = {source} | {
        s.id for s in ds.sources.values() if s.same_text_as == source or src.same_text_as == s.id
    }
    # A republication carries the same facts: what was encoded from either counts.
    expected: list[Actual] = []
    seen: set[tuple[str, str, str, str | None]] = set()
    for a in [x for sid in sorted(linked, key=lambda i: i != source) for x in gold(ds, sid)]:
        key = (a.indicator, a.period, a.measure, a.scope)
        if key not in seen:
            seen.add(key)
            expected.append(a)
    if not gold(ds, source):
        return None
    before = without_source(ds, linked)
    years = sorted({parse_period(a.period).end_year for a in expected})
    written = pub.year if (pub := published_date(src.published)) else None
    text, _ = read_input(sources_dir / src.file)
    found = extract_figures(text, before, ExtractOptions(years[-1], written=written)).candidates
    return score(source, found, expected, ds)


@dataclass(slots=True)
class RealText:
    """One text of the real corpus (tests/corpus/extract/manifest.toml)."""

    file: str
    url: str
    publisher: str
    scope: str
    kind: str
    year: int
    gold: list[Actual]
    held_out: bool = False  # gathered after the rules were written, to test them unseen

    @property
    def is_city(self) -> bool:
        return self.scope.startswith("大连市")


def load_manifest(path: Path) -> list[RealText]:
    """The texts of a corpus manifest, their gold as figures of source `corpus`."""
    import tomllib

    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for t in doc["texts"]:
        gold_figs = [
            Actual.model_validate(
                {k: v for k, v in g.items() if k != "floor"} | {"source": "corpus"}
            )
            for g in t["gold"]
        ]
        out.append(
            RealText(
                t["file"],
                t["url"],
                t["publisher"],
                t["scope"],
                t["kind"],
                t["year"],
                gold_figs,
                bool(t.get("held_out", False)),
            )
        )
    return out


def score_real(ds: Dataset, text: RealText, directory: Path) -> tuple[Score, list[Candidate]]:
    """Extract from a corpus text; the score against its gold, and the candidates proposed
    as the city's from a text of another jurisdiction (each one a scope error)."""
    raw, _ = read_input(directory / text.file)
    found = extract_figures(raw, ds, ExtractOptions(text.year)).candidates
    foreign = [] if text.is_city else [c for c in found if c.scope == CITY_SCOPE]
    return score(text.file.removesuffix(".txt"), found, text.gold, ds), foreign
