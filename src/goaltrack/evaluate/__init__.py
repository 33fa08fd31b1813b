"""The evaluation engine: a verdict for every target, with its working shown.

Pure functions over the dataset; no terminal, no files. Formulas and worked examples are in
docs/method.md (notation: baseline year b, value B; target year t, value T; latest usable
actual A in year y; time elapsed τ: the share of b..t gone by the as-of date, see elapsed.py;
pace ratio R = p/τ). Every value is in the indicator's unit first (normalise.py).

The package holds the rules of each family of targets (levels.py with level_pace.py, hold.py,
rates.py, cumulative.py, relative.py, milestones.py), the dispatch (engine.py), the rules they
share (compare.py, pace.py, period_rules.py, wording.py) and what goes in and out (options.py,
result.py, components.py; reasons are messages of goaltrack/messages.py, said by the
renderers). It imports only the core, never a renderer or the command line.
"""

from .compare import about_tolerance, better_direction, meets
from .engine import evaluate_dataset, evaluate_target
from .options import Options, Thresholds
from .pace import status_from_ratio
from .rates import yearly_growth
from .result import LEVEL_KINDS, SEVERITY, STATUSES, Evaluation, Required

__all__ = [
    "LEVEL_KINDS",
    "SEVERITY",
    "STATUSES",
    "Evaluation",
    "Options",
    "Required",
    "Thresholds",
    "about_tolerance",
    "better_direction",
    "evaluate_dataset",
    "evaluate_target",
    "meets",
    "status_from_ratio",
    "yearly_growth",
]
