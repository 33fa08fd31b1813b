"""The report model shared by every renderer: filtered, sorted evaluations and counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..core.dataset import Dataset
from ..core.vocab import NATURES, VERDICTS, Status
from . import SEVERITY, STATUSES, Evaluation, Options, evaluate_dataset

JUDGED = VERDICTS  # every status but `tracked`


@dataclass(frozen=True, slots=True)
class Filters:
    plans: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    natures: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    include_tracked: bool = True


def filter_choices(ds: Dataset) -> dict[str, tuple[str, ...]]:
    """The values each filter can take in this dataset."""
    return {
        "plan": tuple(sorted(ds.plans)),
        "category": tuple(sorted({i.category for i in ds.indicators.values()})),
        "nature": NATURES,
        "tag": tuple(sorted({t for i in ds.indicators.values() for t in i.tags})),
    }


def unknown_filter_values(ds: Dataset, f: Filters) -> dict[str, list[str]]:
    """Filter values that match nothing in the dataset, per filter."""
    given = {"plan": f.plans, "category": f.categories, "nature": f.natures, "tag": f.tags}
    choices = filter_choices(ds)
    out = {}
    for name, values in given.items():
        bad = [v for v in values if v not in choices[name]]
        if bad:
            out[name] = bad
    return out


def provisional_counts(evaluations: list[Evaluation]) -> dict[Status, int]:
    """Of the targets per status, how many are provisional (the rest of a status is final or,
    before the target year, not yet due to be)."""
    c = Counter(e.status for e in evaluations if "provisional" in e.flags)
    return {s: c.get(s, 0) for s in JUDGED}


@dataclass(frozen=True, slots=True)
class Totals:
    """What a summary adds up: targets (judged, whatever their status), how many of them are
    provisional, and the indicators tracked without a target, never added to the targets."""

    targets: int
    provisional: int
    tracked: int

    def as_dict(self) -> dict[str, int]:
        return {"targets": self.targets, "provisional": self.provisional, "tracked": self.tracked}


def totals(evaluations: list[Evaluation]) -> Totals:
    targets = [e for e in evaluations if e.status != "tracked"]
    return Totals(
        len(targets),
        sum(1 for e in targets if "provisional" in e.flags),
        len(evaluations) - len(targets),
    )


@dataclass(slots=True)
class PlanReport:
    plan_id: str
    evaluations: list[Evaluation] = field(default_factory=list)

    def counts(self) -> dict[Status, int]:
        """Targets per status; tracked indicators (no target) counted apart as `tracked`."""
        c = Counter(e.status for e in self.evaluations)
        return {s: c.get(s, 0) for s in STATUSES}

    def provisional_counts(self) -> dict[Status, int]:
        return provisional_counts(self.evaluations)

    def totals(self) -> Totals:
        return totals(self.evaluations)


@dataclass(slots=True)
class Report:
    options: Options
    plans: list[PlanReport]
    dataset: Dataset

    def all(self) -> list[Evaluation]:
        return [e for p in self.plans for e in p.evaluations]

    def counts(self) -> dict[Status, int]:
        c = Counter(e.status for e in self.all())
        return {s: c.get(s, 0) for s in STATUSES}

    def provisional_counts(self) -> dict[Status, int]:
        return provisional_counts(self.all())

    def totals(self) -> Totals:
        return totals(self.all())

    def counts_by_nature(self) -> dict[str, dict[Status, int]]:
        out: dict[str, Counter[Status]] = {}
        for e in self.all():
            if e.status == "tracked":  # no target, so no nature to count it under
                continue
            nature = self.dataset.indicators[e.indicator].nature
            out.setdefault(nature, Counter())[e.status] += 1
        return {n: {s: c.get(s, 0) for s in JUDGED} for n, c in sorted(out.items())}


SORT_KEYS = ("plan", "status", "indicator", "progress", "category")


def build_report(
    ds: Dataset, opts: Options, filters: Filters = Filters(), sort: str = "plan"
) -> Report:
    evs = evaluate_dataset(ds, opts)
    kept = [e for e in evs if _keep(ds, e, filters)]
    cat_order = {}
    for plan in ds.plans.values():
        for i, c in enumerate(plan.categories):
            cat_order[(plan.id, c)] = i

    def key(e: Evaluation) -> tuple[object, ...]:
        ind = ds.indicators[e.indicator]
        cat = (cat_order.get((e.plan, ind.category), 99), ind.category)
        if sort == "status":
            return (SEVERITY[e.status], cat, e.indicator, e.target_index)
        if sort == "indicator":
            return (e.indicator, e.target_index)
        if sort == "progress":
            return (e.progress if e.progress is not None else 9e9, e.indicator)
        return (cat, e.indicator, e.target_index)

    plans: dict[str, PlanReport] = {}
    for e in sorted(kept, key=key):
        plans.setdefault(e.plan, PlanReport(e.plan)).evaluations.append(e)
    # Plans with targets first, the largest first: the plan a dataset is about leads.
    ordered = sorted(
        plans.values(),
        key=lambda pr: (
            -sum(1 for e in pr.evaluations if e.status != "tracked"),
            -len(pr.evaluations),
            pr.plan_id,
        ),
    )
    return Report(opts, ordered, ds)


def _keep(ds: Dataset, e: Evaluation, f: Filters) -> bool:
    ind = ds.indicators[e.indicator]
    if f.plans and e.plan not in f.plans:
        return False
    if f.categories and ind.category not in f.categories:
        return False
    if f.statuses and e.status not in f.statuses:
        return False
    if f.natures and ind.nature not in f.natures:
        return False
    if f.tags and not set(f.tags) & set(ind.tags):
        return False
    return f.include_tracked or e.status != "tracked"
