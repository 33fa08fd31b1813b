"""The dispatch: every indicator of a dataset, every target to the rules of its kind."""

from __future__ import annotations

from ..core.dataset import Dataset
from ..core.describe import describe_target
from ..core.models import Indicator, Override, Plan, Target
from ..core.normalise import TargetValues, baseline_value, target_values, units_note
from ..core.vocab import Status, TargetKind
from .components import FAMILY, Components
from .cumulative import eval_cumulative
from .hold import eval_hold
from .levels import eval_level
from .messages import M, Reason, msg
from .milestones import eval_milestone
from .options import Options
from .period_rules import after_period, mark_provisional
from .rates import Rate, eval_compound, eval_growth, yearly_growth
from .relative import eval_relative
from .result import LEVEL_KINDS, Evaluation
from .selection import Selection, select
from .succession import figures, inherited_baseline, with_baseline


def evaluate_dataset(ds: Dataset, opts: Options) -> list[Evaluation]:
    by_ind = ds.by_indicator()
    out: list[Evaluation] = []
    # A selection lives while its indicator is evaluated, and growth series are kept only for
    # the references of relative targets: holding them all was ~30 MB at 100 000 actuals.
    growth_cache: dict[str, dict[int, Rate]] = {}
    referenced = {t.reference for i in ds.indicators.values() for t in i.targets if t.reference}

    def selection(ind_id: str) -> Selection:
        ind = ds.indicators[ind_id]
        plan = ds.plan_of(ind)
        return select(
            ds,
            ind,
            figures(ds, ind, by_ind, plan.baseline_year if plan else None),
            opts.as_of,
            opts.vintage,
        )

    def growths(ind_id: str, sel: Selection | None = None) -> dict[int, Rate]:
        if ind_id in growth_cache:
            return growth_cache[ind_id]
        g = yearly_growth(ds.indicators[ind_id], sel if sel is not None else selection(ind_id))
        if ind_id in referenced:
            growth_cache[ind_id] = g
        return g

    for ind in sorted(ds.indicators.values(), key=lambda i: (i.plan or "", i.id)):
        plan = ds.plan_of(ind)
        if plan is None:
            continue
        sel = selection(ind.id)
        if not ind.targets:
            out.append(tracked_evaluation(plan, ind, sel))
            continue
        inherited = inherited_baseline(
            ds, ind, plan, figures(ds, ind, by_ind), opts.as_of, opts.vintage
        )
        judged = ind if inherited is None else with_baseline(ind, inherited.baseline)
        for k, t in enumerate(ind.targets):
            try:
                ev = evaluate_target(
                    plan,
                    judged,
                    k,
                    t,
                    sel,
                    opts,
                    ref_growth=growths(t.reference)
                    if t.reference and t.reference in ds.indicators
                    else None,
                    own_growth=growths(ind.id, sel),
                    ref=ds.indicators.get(t.reference or ""),
                )
                if inherited is not None:
                    ev.baseline_from = inherited
                if ev.status == "no_data" and (note := first_year_pending(plan, opts)):
                    ev.reason += note
            except ArithmeticError:  # overflow where figures are extreme
                ev = Evaluation(
                    plan.id,
                    ind.id,
                    k,
                    t.kind,
                    describe_target(t, ind, plan),
                    "no_data",
                    (msg(M.OUT_OF_RANGE),),
                )
            out.append(ev)
    return out


def first_year_pending(plan: Plan, opts: Options) -> Reason:
    """In a plan's first year, before its figures can be out (the grace period), a target
    without a figure is not behind: say that no figure can exist yet."""
    from .elapsed import GRACE_MONTHS, figure_due

    y = plan.start
    if opts.as_of.date.year < y or figure_due(y, opts.as_of):
        return ()
    return (msg(M.FIRST_YEAR_PENDING, y=y, month=GRACE_MONTHS, y1=y + 1),)


def tracked_evaluation(plan: Plan, ind: Indicator, sel: Selection) -> Evaluation:
    pts = [p for s in sel.by_measure.values() for p in s.values()]
    latest = max(pts, key=lambda p: (p.year, p.measure == "level")) if pts else None
    return Evaluation(
        plan.id,
        ind.id,
        -1,
        "tracked",
        "(tracked, no target)",
        "tracked",
        (msg(M.TRACKED),),
        latest=latest,
        points=sorted(pts, key=lambda p: p.year),
        context=sel.context,
        superseded=sel.superseded,
        sources=sorted(sel.sources),
    )


def evaluate_target(
    plan: Plan,
    ind: Indicator,
    k: int,
    t: Target,
    sel: Selection,
    opts: Options,
    ref_growth: dict[int, Rate] | None = None,
    own_growth: dict[int, Rate] | None = None,
    ref: Indicator | None = None,
) -> Evaluation:
    """One target: the rules of its kind, then what every kind shares (the projection method,
    an override, the figures' caveats, the rules once the period is over), in that order."""
    year = t.year or plan.end
    b_year = t.start_year or (ind.baseline.year if ind.baseline else plan.baseline_year)
    ev = Evaluation(
        plan.id,
        ind.id,
        k,
        t.kind,
        describe_target(t, ind, plan),
        "no_data",
        (),
        baseline_year=b_year,
        baseline_value=baseline_value(ind),
        target_year=year,
        components=FAMILY.get(t.kind, Components)(),
        context=sel.context,
        superseded=sel.superseded,
        sources=sorted(sel.sources),
    )
    tv = target_values(t, ind)
    ev.components.units = units_note(tv, ind)
    period_over = opts.as_of.last_full_year >= year
    judge_kind(
        ev, plan, ind, t, tv, sel, opts, period_over, own_growth or {}, ref_growth or {}, ref
    )
    if opts.method == "projection" and ev.projected_status is not None and not ev.final:
        judge_by_projection(ev, t.kind, year, ev.projected_status)
    if t.override is not None:
        apply_override(ev, t.override)
    pass_on_caveats(ev, t.kind)
    after_period(ev, opts.as_of)
    return ev


def judge_kind(
    ev: Evaluation,
    plan: Plan,
    ind: Indicator,
    t: Target,
    tv: TargetValues,
    sel: Selection,
    opts: Options,
    period_over: bool,
    own_growth: dict[int, Rate],
    ref_growth: dict[int, Rate],
    ref: Indicator | None,
) -> None:
    """Hand the target to the rules of its kind (one module per family)."""
    kind = t.kind
    if kind in LEVEL_KINDS:
        eval_level(ev, ind, t, tv, sel, opts, period_over)
    elif kind == "hold":
        eval_hold(ev, plan, ind, t, tv, sel, opts)
    elif kind == "growth":
        eval_growth(ev, ind, t, tv, sel, opts, own_growth)
    elif kind == "cumulative":
        eval_cumulative(ev, plan, ind, t, tv, sel, opts)
    elif kind == "compound_change":
        eval_compound(ev, plan, t, tv, sel, opts, own_growth)
    elif kind == "relative":
        eval_relative(ev, plan, t, opts, period_over, own_growth, ref_growth, sel, ref)
    elif kind == "milestone":
        eval_milestone(ev, sel, period_over)


def judge_by_projection(ev: Evaluation, kind: TargetKind, year: int, projected: Status) -> None:
    """`--method projection`: the projected status replaces the pace's, which is kept in the
    components; where a value was projected the reason names the rule that decided."""
    ev.components.pace_status = ev.status
    if ev.projected_value is not None and kind in (*LEVEL_KINDS, "cumulative"):
        ev.components.pace_reason = ev.reason
        verdict = M.PROJECTION_MEETS if ev.projected_meets else M.PROJECTION_FALLS_SHORT
        ev.reason = (msg(verdict, v=ev.projected_value, y=year),)
        if ev.projected_status != ev.status:
            ev.reason += (msg(M.PACE_ALONE, status=ev.status),)
    ev.status = projected
    ev.flags.append("projection")


def apply_override(ev: Evaluation, override: Override) -> None:
    """A status set by hand replaces the computed one, which is kept beside its reason."""
    ev.components.computed_status = ev.status
    ev.status = override.status
    ev.override_reason = override.reason
    ev.flags.append("override")


def pass_on_caveats(ev: Evaluation, kind: TargetKind) -> None:
    """Every figure that drives the verdict passes on its caveats (estimate, preliminary…);
    for level targets and milestones only the latest figure drives it."""
    drivers = [ev.latest] if kind in (*LEVEL_KINDS, "milestone") else [*ev.points, ev.latest]
    for p in drivers:
        if p is None:
            continue
        # A milestone reported done, or reported as a promise that can no longer be kept, is
        # settled whatever part of the year the report covers.
        settled = kind == "milestone" and p.state in ("done", "failed")
        if p.partial and not settled:
            mark_provisional(ev, msg(M.RESTS_ON_PART_YEAR, when=p))
        for f in p.flags():
            if f not in ev.flags and not (settled and f == "provisional"):
                ev.flags.append(f)
