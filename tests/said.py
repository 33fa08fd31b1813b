"""Reasons and working of an evaluation in words, as the outputs say them (for assertions)."""

from __future__ import annotations

from typing import Any

from goaltrack.evaluate import Evaluation
from goaltrack.evaluate.messages import Msg, Reason
from goaltrack.evaluate.selection import Point
from goaltrack.render.messages import say, say_en, say_one


def en(reason: Reason) -> str:
    return say(reason, "en")


def zh(reason: Reason) -> str:
    return say(reason, "zh")


def en_all(reasons: list[Reason]) -> list[str]:
    """What a provisional verdict rests on, each entry in English."""
    return [say(r, "en") for r in reasons]


def comp(e: Evaluation) -> dict[str, Any]:
    """The working as the public JSON has it."""
    return e.components.as_dict(say_en)


def whys(pairs: list[tuple[Point, Msg]]) -> list[tuple[Point, str]]:
    """Figures set aside, each with why in English."""
    return [(p, say_one(m, "en")) for p, m in pairs]
